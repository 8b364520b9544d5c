"""The metric registry: every name assignment.toml may give as `[metric] scorer` (scikit-learn's
scorer names and the kit's own ranking metric), validated when the spec loads, scored when a
submission is graded, and shown as people read it. A new metric is added here and nowhere else.

May import `core`; scikit-learn and pandas are imported only when a metric is scored.
"""
