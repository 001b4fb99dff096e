"""Follow-up of residents who asked to be contacted (F1 = Tak): queue, statuses, contact reads."""
