"""Other on-call tools' schedules (PagerDuty, Opsgenie, Grafana OnCall) read into a team."""
