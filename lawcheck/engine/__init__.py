"""The law at work: compile and evaluate (three-valued), compare, explore, penalties, runs, history, coverage, checks."""
