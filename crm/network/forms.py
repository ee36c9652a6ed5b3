from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..contacts.forms import CheckboxesField
from ..core.forms import BaseForm, choices
from .labels import CONTACT_KIND_LABELS, FUNDS_OUTCOME_LABELS, ORGANISATION_LABELS

ORGANISATIONS = [(o.value, label) for o, label in ORGANISATION_LABELS.items()]
OUTCOMES = [(o.value, label) for o, label in FUNDS_OUTCOME_LABELS.items()]


class MemberForm(BaseForm):
    organisation = SelectField(_l("Organisation"), choices=choices(ORGANISATIONS))
    agency_contact_id = SelectField(_l("Person from the directory"), coerce=int, validators=[Optional()])
    new_name = StringField(_l("Or a new person: name"), validators=[Optional(), Length(max=120)])
    new_organisation = StringField(_l("Their office or unit"), validators=[Optional(), Length(max=200)],
                                   render_kw={"placeholder": _l("e.g. Arbetsförmedlingen Nyköping")})
    new_role = StringField(_l("Their role"), validators=[Optional(), Length(max=120)])
    new_phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    is_main = BooleanField(_l("Main contact for this organisation"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.new_name.data and not self.new_organisation.data:
            self.new_organisation.errors.append(_l("Give the office or unit."))
            valid = False
        if not self.new_name.data and not self.agency_contact_id.data:
            self.agency_contact_id.errors.append(_l("Choose a person, or add a new one."))
            valid = False
        return valid


class NetworkContactForm(BaseForm):
    """Phone-fast: the person, how, what was agreed, and the next step."""

    member_id = SelectField(_l("With"), coerce=int)
    contacted_on = DateField(_l("Date"), validators=[DataRequired()])
    kind = RadioField(_l("How"), choices=choices((k.value, label) for k, label in CONTACT_KIND_LABELS.items()),
                      default="phone")
    agreed = TextAreaField(_l("What was agreed"), validators=[DataRequired(), Length(max=5000)],
                           description=_l("No health details are needed here: write what was agreed about work, "
                                          "support and next steps."), render_kw={"rows": 3})
    next_what = StringField(_l("Next step"), validators=[Optional(), Length(max=300)])
    next_due_on = DateField(_l("Due"), validators=[Optional()])
    next_owner_id = SelectField(_l("Who"), coerce=int, validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.next_what.data and self.next_due_on.data is None:
            if not self.next_due_on.errors:
                self.next_due_on.errors.append(_l("Give a due date."))
            valid = False
        return valid


class SipForm(BaseForm):
    coordinator_id = SelectField(_l("Coordinator"), coerce=int,
                                 description=_l("The person from the network who leads the plan."))
    goal = TextAreaField(_l("The participant's goal"), validators=[DataRequired(), Length(max=2000)],
                         render_kw={"rows": 2})
    started_on = DateField(_l("Started"), validators=[DataRequired()])
    review_on = DateField(_l("Review the plan on"), validators=[DataRequired()])


class PartyForm(BaseForm):
    member_id = SelectField(_l("Organisation and contact person"), coerce=int)


class SipMeetingForm(BaseForm):
    held_on = DateField(_l("Date"), validators=[DataRequired()])
    place = StringField(_l("Place"), validators=[DataRequired(), Length(max=200)])
    attendee_ids = CheckboxesField(_l("Who attended"), coerce=int, validators=[Optional()])
    participant_present = BooleanField(_l("The participant took part"), default=True)
    team_present = BooleanField(_l("The job specialist took part"), default=True)
    interpreter_needed = BooleanField(_l("Interpreter needed"))
    interpreter_language = StringField(_l("Interpreter language"), validators=[Optional(), Length(max=40)])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)], render_kw={"rows": 2})


class SipActionForm(BaseForm):
    what = StringField(_l("What is to be done"), validators=[DataRequired(), Length(max=300)])
    organisation = SelectField(_l("Responsible"))
    due_on = DateField(_l("Due"), validators=[DataRequired()])
    owner_id = SelectField(_l("Who in the team"), coerce=int, validators=[Optional()],
                           description=_l("When the team is responsible: the action becomes their next step."))


class ReviewForm(BaseForm):
    review_on = DateField(_l("Next review"), validators=[Optional()],
                          description=_l("Leave empty to close the plan."))


class EndingForm(BaseForm):
    ended_on = DateField(_l("Support ended on"), validators=[DataRequired()])
    exit_outcome = SelectField(_l("Situation at the end"), choices=choices(OUTCOMES))
    follow_up_declined = BooleanField(_l("Declines the six-month follow-up"))


class FollowUpForm(BaseForm):
    outcome = SelectField(_l("Situation six months on"), choices=choices(OUTCOMES, ("", "—")),
                          validators=[Optional()])
    followed_up_on = DateField(_l("Asked on"), validators=[DataRequired()])
    declined = BooleanField(_l("Declined the follow-up"))
