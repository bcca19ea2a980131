//! The typed values rolo reasons about: cadences, dates, contacts, interactions, promises.

pub mod birthday;
pub mod cadence;
pub mod contact;
pub mod daily_format;
pub mod date;
