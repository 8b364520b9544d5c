"""mleprep: a practice kit for machine-learning engineer interviews."""

__version__ = "0.1.0"
