//! CSV, JSON and Automerge import.
