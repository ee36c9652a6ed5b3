"""Employer-strategy meetings: the series, each meeting's agenda and minutes, and the actions decided."""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..core import clock
from ..core.errors import keeps_input_on_csrf_failure
from ..core.forms import choices
from ..core.permissions import can, permission_required, require
from ..core.web import form_page
from ..extensions import db
from ..participants.queries import team_specialists
from ..placements.labels import END_REASON_LABELS
from . import agenda, queries, services
from .forms import ActionForm, CompleteActionForm, MinutesForm, SeriesForm
from .models import MeetingSeries

bp = Blueprint("meetings", __name__, url_prefix="/meetings")


def load_meeting(meeting_id: int, action: str = "meeting.view"):
    """404 when the meeting does not exist, 403 when it is not the user's to see or keep."""
    meeting = queries.meeting_detail(meeting_id) or abort(404)
    require(action, meeting)
    return meeting


@bp.context_processor
def meeting_helpers():
    return {"from_iso": lambda value: date.fromisoformat(value) if value else None,
            "section_titles": agenda.section_titles(), "end_reason_labels": END_REASON_LABELS,
            "language": get_locale().language}


@bp.get("/")
@permission_required("meeting.list")
def index():
    team_id = current_user.team_id
    return render_template("meetings/index.html", series=queries.team_series(team_id),
                           meetings=queries.recent_meetings(team_id), today=clock.today(),
                           my_actions=agenda.open_actions(team_id, owner_id=current_user.id))


@bp.route("/series/new", methods=["GET", "POST"])
@permission_required("meeting.manage")
@keeps_input_on_csrf_failure
def new_series():
    form = SeriesForm()
    if form.validate_on_submit():
        values = {name: field.data for name, field in form._fields.items() if name != "csrf_token"}
        try:
            series = services.create_series(current_user.team, values, clock.today())
        except services.MeetingRuleError as error:
            form[error.field].errors = [*form[error.field].errors, str(error)]
        else:
            flash(_("The meeting series is planned."), "success")
            meeting = series.meetings[0] if series.meetings else None
            return redirect(url_for("meetings.meeting", meeting_id=meeting.id) if meeting
                            else url_for("meetings.index"))
    return form_page("simple_form.html", form, heading=_("New meeting series"), cancel_url=url_for("meetings.index"))


@bp.post("/series/<int:series_id>/next")
def next_meeting(series_id: int):
    """Open (plan, if need be) the series' next meeting from today."""
    series = db.session.get(MeetingSeries, series_id) or abort(404)
    require("meeting.manage", series)
    meeting = services.plan_next_meeting(series, clock.today())
    if meeting is None:
        flash(_("The series has no more meetings."), "info")
        return redirect(url_for("meetings.index"))
    return redirect(url_for("meetings.meeting", meeting_id=meeting.id))


def _action_form(meeting, form=None) -> ActionForm:
    form = form or ActionForm(formdata=None)
    form.owner_id.choices = choices(((u.id, u.name) for u in team_specialists(meeting.team_id)), (0, "—"))
    form.employer.team_id = meeting.team_id
    return form


def _meeting_page(meeting, minutes_form=None, action_form=None, template="meetings/meeting.html"):
    today = clock.today()
    agenda_data = meeting.agenda_snapshot or agenda.build_agenda(agenda.period_for(meeting, today))
    manage = can(current_user, "meeting.manage", meeting)
    minutes_form = minutes_form or (MinutesForm(formdata=None, minutes=meeting.minutes) if manage else None)
    action_form = action_form or (_action_form(meeting) if manage else None)
    failed = any(f is not None and f.errors for f in (minutes_form, action_form))
    html = render_template(template, meeting=meeting, agenda=agenda_data, live=meeting.agenda_snapshot is None,
                           minutes_form=minutes_form, action_form=action_form, today=today,
                           complete_form=CompleteActionForm(formdata=None))
    return html, 422 if failed else 200


@bp.get("/<int:meeting_id>")
def meeting(meeting_id: int):
    return _meeting_page(load_meeting(meeting_id))


@bp.get("/<int:meeting_id>/print")
def print_view(meeting_id: int):
    """The agenda, minutes and actions on one page for printing or the browser's "Save as PDF"."""
    return _meeting_page(load_meeting(meeting_id), template="meetings/print.html")


@bp.post("/<int:meeting_id>/minutes")
@keeps_input_on_csrf_failure
def minutes(meeting_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage")
    form = MinutesForm()
    if form.validate_on_submit():
        try:
            services.save_minutes(meeting, current_user, form.minutes.data, clock.today())
        except services.MeetingRuleError as error:
            form.minutes.errors = [*form.minutes.errors, str(error)]
        else:
            flash(_("The minutes are saved."), "success")
            return redirect(url_for("meetings.meeting", meeting_id=meeting.id) + "#minutes")
    return _meeting_page(meeting, minutes_form=form)


@bp.post("/<int:meeting_id>/actions")
@keeps_input_on_csrf_failure
def new_action(meeting_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage")
    form = _action_form(meeting, ActionForm())
    if form.validate_on_submit():
        values = {"text": form.text.data, "owner_id": form.owner_id.data, "due_on": form.due_on.data,
                  "employer_id": form.employer.data.id if form.employer.data else None}
        try:
            services.add_action(meeting, current_user, values)
        except services.MeetingRuleError as error:
            form[error.field].errors = [*form[error.field].errors, str(error)]
        else:
            flash(_("The action is added."), "success")
            return redirect(url_for("meetings.meeting", meeting_id=meeting.id) + "#actions")
    return _meeting_page(meeting, action_form=form)


@bp.post("/actions/<int:action_id>/done")
def complete_action(action_id: int):
    action = queries.action_detail(action_id) or abort(404)
    require("meeting.action.complete", action)
    form = CompleteActionForm()
    if not form.validate_on_submit():
        abort(400)
    services.complete_action(action, current_user, clock.today(), form.note.data)
    flash(_("Marked as done: %(what)s", what=action.text), "success")
    back = request.form.get("back")
    return redirect(url_for("meetings.meeting", meeting_id=action.meeting_id) + "#actions" if back == "meeting"
                    else url_for("meetings.actions"))


@bp.get("/actions")
@permission_required("meeting.list")
def actions():
    """The user's open actions; the team lead also sees everyone else's."""
    team_id = current_user.team_id
    mine = agenda.open_actions(team_id, owner_id=current_user.id)
    others = ([a for a in agenda.open_actions(team_id) if a.owner_id != current_user.id]
              if can(current_user, "meeting.manage") else [])
    return render_template("meetings/actions.html", mine=mine, others=others, today=clock.today(),
                           complete_form=CompleteActionForm(formdata=None))
