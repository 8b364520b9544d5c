"""Reviewers that read what a candidate wrote: the STAR reader, the review of a spoken answer
against its question, the automatic feedback on an assignment's written answers, and the
agreement measure against hand labels.

May import `core` and `course`.
"""
