"""Practice for the two conversations: timed mock rounds (`mock_round`, `mock_terminal`), the
candidate's story bank (`story_bank`), and progress over rounds (`history`).

May import `core`, `course` and `review`.
"""
