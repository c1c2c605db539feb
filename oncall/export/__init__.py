"""Documents made from the schedule: calendar feeds and handoff summaries (no GUI code here)."""
