"""What one submission may use while it is graded: wall-clock time, kernel memory, output size."""

from __future__ import annotations

from dataclasses import dataclass

from mleprep.core.durations import format_duration
from mleprep.core.sizes import format_size
from mleprep.course.spec import Assignment


@dataclass(frozen=True)
class Budget:
    timeout_s: int
    memory_bytes: int
    output_bytes: int

    @classmethod
    def of(
        cls, assignment: Assignment, *, timeout_s: int | None = None, memory_bytes: int | None = None
    ) -> Budget:
        """The assignment's [grading] budget, with the mentor's command-line overrides applied."""
        return cls(
            timeout_s if timeout_s is not None else assignment.timeout_s,
            memory_bytes if memory_bytes is not None else assignment.memory_bytes,
            assignment.output_bytes,
        )

    def describe(self) -> str:
        return (
            f"{format_duration(self.timeout_s)}, {format_size(self.memory_bytes)} of memory, "
            f"{format_size(self.output_bytes)} of output"
        )
