//! The forum's tables, as diesel sees them.

pub mod schema;
