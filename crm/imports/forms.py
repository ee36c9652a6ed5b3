from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..core.forms import BaseForm, choices
from ..employers import queries as employer_queries
from ..employers.labels import STAGE_LABELS
from .columns import TARGETS

MAX_FILE_BYTES = 6 * 1024 * 1024  # about 40,000 rows of a typical employer list


class UploadForm(BaseForm):
    file = FileField(_l("Spreadsheet file (CSV)"), validators=[
        FileRequired(_l("Choose a file.")),
        FileAllowed(["csv", "txt"], _l("Save the spreadsheet as CSV (in Excel: Save as, CSV UTF-8 or CSV).")),
        FileSize(MAX_FILE_BYTES, message=_l("The file is larger than 6 MB. Split it into smaller files.")),
    ], description=_l("Saved from Excel or another spreadsheet as CSV, with the column names on the first row. "
                      "UTF-8 or Windows characters, separated by comma or semicolon."))


class MappingForm(BaseForm):
    """One select per field the import can fill; the options are the file's columns (by index)."""

    def set_columns(self, headers: list[str]) -> None:
        options = choices(((str(i), h or _l("Column %(n)s", n=i + 1)) for i, h in enumerate(headers)),
                          ("", _l("— not imported")))
        for target in TARGETS:
            self[target.name].choices = options

    def mapping(self) -> dict[str, int]:
        return {t.name: int(self[t.name].data) for t in TARGETS if self[t.name].data not in (None, "")}

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        used = list(self.mapping().values())
        if len(used) != len(set(used)):
            self.form_errors.append(_l("Each column can go to one field only."))
            return False
        return True


for _target in TARGETS:
    setattr(MappingForm, _target.name, SelectField(
        _target.label, validators=[DataRequired(_l("Choose the column with the employer's name."))]
        if _target.name == "name" else [Optional()]))


class ImportForm(BaseForm):
    include_possible_duplicates = BooleanField(_l("Import possible duplicates too, as new employers"))


class BulkEditForm(BaseForm):
    """The employers chosen on the list (ticked rows, or every employer matching the list's filter)
    and the changes to make to all of them."""

    employer_ids = SelectMultipleField(coerce=int, validate_choice=False)
    all_matching = BooleanField(_l("All employers matching the filter"))
    filters = HiddenField()  # the list's query string
    stage = SelectField(_l("Set the stage"), choices=choices(STAGE_LABELS.items(), ("", _l("Keep"))),
                        validators=[Optional()])
    specialist = SelectField(_l("Set the responsible specialist"), coerce=int, validators=[Optional()])
    add_tag = StringField(_l("Add a tag"), validators=[Optional(), Length(max=60)],
                          render_kw={"list": "team-tags", "autocomplete": "off"})
    remove_tag = SelectField(_l("Remove a tag"), coerce=int, validators=[Optional()])
    confirmed = HiddenField()

    def validate_employer_ids(self, field):
        if not field.data and not self.all_matching.data:
            raise ValidationError(_l("Tick the employers to change, or choose all matching the filter."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not (self.stage.data or self.specialist.data or self.add_tag.data or self.remove_tag.data):
            self.form_errors.append(_l("Choose what to change."))
            return False
        return valid


class MergeForm(BaseForm):
    """Merging cannot be undone from the app: the team lead confirms it."""

    confirm = BooleanField(_l("Yes, merge these two records into one"),
                           validators=[DataRequired(_l("Tick the box to merge."))])


def bulk_edit_form(team_id: int, filters: str = "", **kwargs) -> BulkEditForm:
    """The bulk edit form with the team's specialists and tags as choices. Prefixed, because it
    shares the employer list page with the filter form and its fields of the same names."""
    form = BulkEditForm(prefix="bulk", filters=filters, **kwargs)
    form.specialist.choices = choices(((u.id, u.name) for u in employer_queries.team_specialists(team_id)),
                                      (0, _l("Keep")))
    form.remove_tag.choices = choices(((t.id, t.name) for t in employer_queries.team_tags(team_id)), (0, "—"))
    return form
