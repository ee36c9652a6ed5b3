"""Calendar feeds: each staff member's next steps and follow-ups as a secret iCalendar URL."""
