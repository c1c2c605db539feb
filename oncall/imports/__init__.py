"""Reading other tools' documents (iCalendar files, other on-call tools' schedules) into the team."""
