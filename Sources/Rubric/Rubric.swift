/// Rubric module.
