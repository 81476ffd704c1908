//! The whole run: streaming, parallel, bounded memory.
