"""Planners that propose changes to a team's rules (core-adjacent, pure Python).

A planner reads a :class:`~oncall.core.model.Team` and returns a proposal expressed in the
team file's own constructs (window adjustments, overrides), so a lead can read, review and
undo it like any hand edit. The engine in :mod:`oncall.core` is the judge: every proposal
is verified by recomputing the coverage report on the planned team. The core never imports
this package; services and the faces call it.
"""
