"""A form field for one of the team's employers, typed by name.

A select of every employer renders the whole register into each page that offers one (a thousand
options a team: some 50 KB and 20 ms a page). This is a text input instead: the server resolves what
was typed, and with JavaScript the register suggests names as one types (crm/static/js/app.js).
"""
from flask import url_for
from flask_babel import gettext as _
from wtforms import StringField
from wtforms.validators import Length, ValidationError

from ..core.urls import MAX_RECORD_ID
from ..extensions import db
from . import queries
from .models import Employer

AMBIGUOUS_SHOWN = 10  # labels offered in the error when many employers share a name


class EmployerField(StringField):
    """The view sets `team_id` (whose register to look in) before validating; `data` is then the
    Employer, or None when the field is optional and left empty. What was typed stays in the input."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, [*(validators or ()), Length(max=300)], **kwargs)
        self.team_id = None

    def __call__(self, **kwargs):
        kwargs.setdefault("data-suggest", url_for("employers.suggestions"))
        kwargs.setdefault("autocomplete", "off")
        return super().__call__(**kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if isinstance(self.data, Employer):
            # The label that names it alone, so that a preselected namesake resolves back to itself.
            return queries.employer_labels(self.team_id, [self.data])[0] if self.team_id else self.data.name
        return self.data or ""

    @property
    def chosen(self) -> Employer | None:
        """The employer once resolved (or preselected); None while nothing, or nothing known, is typed."""
        return self.data if isinstance(self.data, Employer) else None

    def preselect(self, employer_id: int | None) -> Employer | None:
        """Fill in the employer a link names by id (as ?employer=3) when it is in the team's register; another
        team's or an archived employer is left out, as the field would refuse it."""
        employer = db.session.get(Employer, employer_id) if employer_id and 0 < employer_id <= MAX_RECORD_ID else None
        if employer is None or employer.team_id != self.team_id or employer.is_archived:
            return None
        self.data = employer
        return employer

    def post_validate(self, form, validation_stopped):
        if not self.data:
            self.data = None
        if validation_stopped or self.errors or self.data is None:
            return
        if self.team_id is None:
            raise RuntimeError("EmployerField needs the team_id of the register to look in")
        found = queries.resolve_employer(self.team_id, self.data)
        if not found:
            raise ValidationError(_("No employer in the team's register is called “%(name)s”. Check the spelling "
                                    "or choose a suggestion, or add the employer to the register first.",
                                    name=self.data))
        if len(found) > 1:
            labels = queries.employer_labels(self.team_id, found[:AMBIGUOUS_SHOWN])
            raise ValidationError(_("More than one employer in the register is called “%(name)s”. "
                                    "Write which one: %(choices)s.", name=self.data,
                                    choices="; ".join(labels)))
        self.data = found[0]
