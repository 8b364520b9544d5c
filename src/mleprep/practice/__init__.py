"""Behavioural practice: the question bank, feedback on written answers, mock rounds, the story bank."""
