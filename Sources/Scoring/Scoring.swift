/// Scoring module.
