"""The iCalendar (RFC 5545) text of a user's feed, built with the icalendar package."""
from datetime import date, datetime, timedelta

from flask_babel import force_locale
from icalendar import Calendar, Event

from .sources import load_sources

PRODID = "-//IPS CRM//Calendar feed//SV"
UID_DOMAIN = "ips-crm"


def build_calendar(user, now: datetime, today: date, default_locale: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "IPS CRM")
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    with force_locale(user.locale or default_locale):
        for source in load_sources().values():
            for item in source(user, today):
                event = Event()
                event.add("uid", f"{item.uid}@{UID_DOMAIN}")
                event.add("dtstamp", now)
                event.add("dtstart", item.starts)
                if item.ends is not None:
                    event.add("dtend", item.ends)
                event.add("summary", item.summary)
                if item.description:
                    event.add("description", item.description)
                if item.url:
                    event.add("url", item.url)
                event.add("transp", "TRANSPARENT")
                calendar.add_component(event)
    return calendar.to_ical()
