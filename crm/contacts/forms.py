from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..core.forms import BaseForm, choices
from .labels import ENDING_LABELS, FORM_LABELS, PURPOSE_LABELS


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes (big touch targets on a phone), rendered in a fieldset."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ContactFields(BaseForm):
    """What a contact records; shared by logging and correcting."""

    contacted_at = DateTimeLocalField(_l("When"), format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
                                      validators=[DataRequired()])
    form = RadioField(_l("How"), choices=choices(FORM_LABELS.items()), default="face_to_face")
    purpose = RadioField(_l("Purpose"), choices=choices(PURPOSE_LABELS.items()), default="learn_needs")
    contact_person_id = SelectField(_l("Person met"), coerce=int, validators=[Optional()])
    participant_ids = SelectMultipleField(
        _l("Participants concerned"), coerce=int, validators=[Optional()],
        description=_l("Only participants who have agreed that this employer may hear about them."))
    summary = TextAreaField(_l("Summary"), validators=[DataRequired(), Length(max=5000)],
                            description=_l("About the business and its needs. Never write anything about a "
                                           "participant's health here."),
                            render_kw={"rows": 3})
    outcome = TextAreaField(_l("Outcome"), validators=[Optional(), Length(max=5000)], render_kw={"rows": 2})


class LogContactForm(ContactFields):
    new_person_name = StringField(_l("Name of a new person"), validators=[Optional(), Length(max=120)])
    new_person_role = StringField(_l("Their role"), validators=[Optional(), Length(max=120)])
    complete_step_ids = CheckboxesField(_l("Open next steps this contact took care of"), coerce=int,
                                        validators=[Optional()])
    ending = RadioField(_l("What happens next"), choices=choices(ENDING_LABELS.items()), default="",
                        validators=[Optional()])
    next_what = StringField(_l("Next step"), validators=[Optional(), Length(max=300)],
                            render_kw={"placeholder": _l("e.g. Visit again with a participant's profile")})
    next_due_on = DateField(_l("Due"), validators=[Optional()])
    next_owner_id = SelectField(_l("Who"), coerce=int, validators=[Optional()])
    ending_reason = TextAreaField(_l("Why pause or close?"), validators=[Optional(), Length(max=1000)],
                                  render_kw={"rows": 2})

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.ending.data:
            if not self.ending_reason.data:
                self.ending_reason.errors.append(_l("Say why the relationship is paused or closed."))
                valid = False
            return valid
        if not self.next_what.data:
            self.next_what.errors.append(_l("Plan a next step, or pause or close the relationship."))
            valid = False
        valid = _check_due(self.next_due_on, self.today) and valid
        return valid


class QuickEmployerForm(BaseForm):
    """A first cold visit: the employer's name and municipality now, the rest later."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    municipality = StringField(_l("Municipality"), validators=[Optional(), Length(max=80)])
    not_a_duplicate = BooleanField(_l("It is another employer"))


class CorrectContactForm(ContactFields):
    version = HiddenField()


class NextStepForm(BaseForm):
    what = StringField(_l("Next step"), validators=[DataRequired(), Length(max=300)])
    due_on = DateField(_l("Due"), validators=[Optional()])
    owner_id = SelectField(_l("Who"), coerce=int)

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return _check_due(self.due_on, self.today) and valid


def _check_due(field, today: date) -> bool:
    if field.data is None:
        if not field.errors:
            field.errors.append(_l("Give a due date."))
        return False
    if field.data < today:
        field.errors.append(_l("The due date has passed. Choose today or a later day."))
        return False
    return True
