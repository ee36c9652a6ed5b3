"""Employer-strategy meetings: the series, each meeting's agenda and minutes, and the actions decided."""
from datetime import date

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from ..core import clock
from ..core.errors import keeps_input_on_csrf_failure
from ..core.formats import day_date, text_datetime
from ..core.forms import choices
from ..core.mail import MailError
from ..core.permissions import can, permission_required, require
from ..core.urls import MAX_RECORD_ID
from ..core.web import form_page
from ..extensions import db
from ..participants.queries import team_specialists
from ..placements.labels import END_REASON_LABELS
from . import agenda, queries, services
from .forms import ActionForm, CarryActionForm, CompleteActionForm, MinutesForm, SendMinutesForm, SeriesForm
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
                           proposed_date=services.proposed_date,
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


DRAFT_PREFIX = "draft-"  # the minutes form's fields as other forms on the page carry them (static/js/meeting.js)


def _typed(formdata, prefix: str = "") -> tuple[str | None, dict[str, str]]:
    """The minutes and each item's decision as sent, under `prefix`; (None, {}) when none were sent."""
    decision = f"{prefix}decision-"
    return formdata.get(f"{prefix}minutes"), {name.removeprefix(decision): value for name, value in formdata.items()
                                              if name.startswith(decision)}


def _keep_draft(meeting, prefix: str = DRAFT_PREFIX) -> None:
    """A form on the meeting page was sent: keep what was typed in the minutes as the draft first (the minutes
    form's own fields have no prefix; other forms carry them with DRAFT_PREFIX)."""
    if can(current_user, "meeting.manage", meeting):
        services.keep_draft(meeting, *_typed(request.form, prefix))


def _action_form(meeting, section: str | None = None, form=None, owners=None) -> ActionForm:
    form = form or ActionForm(formdata=None, prefix=f"{section}-" if section else "")
    owners = owners if owners is not None else team_specialists(meeting.team_id)
    form.owner_id.choices = choices(((u.id, u.name) for u in owners), (0, "—"))
    form.employer.team_id = meeting.team_id
    return form


def _section_arg() -> str | None:
    section = request.args.get("section") or None
    if section is not None and section not in agenda.section_titles():
        abort(404)
    return section


def _meeting_page(meeting, minutes_form=None, action_form=None, action_section=None, carry_form=None,
                  template="meetings/meeting.html"):
    today = clock.today()
    agenda_data = meeting.agenda_snapshot or agenda.build_agenda(agenda.period_for(meeting, today))
    manage = can(current_user, "meeting.manage", meeting) and template == "meetings/meeting.html"
    draft = meeting.draft or {}
    minutes_form = minutes_form or (MinutesForm(formdata=None, minutes=draft.get("minutes", meeting.minutes))
                                    if manage else None)
    decisions = {**(meeting.decisions or {}), **draft.get("decisions", {})} if draft else dict(meeting.decisions or {})
    if request.method == "POST":  # a form came back with errors: what was typed in the minutes shows as typed
        typed_minutes, typed_decisions = _typed(request.form, "" if minutes_form.errors else DRAFT_PREFIX) \
            if manage else (None, {})
        if typed_minutes is not None:
            minutes_form.minutes.data = typed_minutes
            decisions = typed_decisions
    action_forms = {}
    if manage:
        owners = team_specialists(meeting.team_id)
        action_forms = {key: _action_form(meeting, key, owners=owners) for key in [None, *agenda.section_titles()]}
        if action_form is not None:
            action_forms[action_section] = action_form
    failed = any(f is not None and f.errors for f in (minutes_form, action_form, carry_form))
    html = render_template(template, meeting=meeting, agenda=agenda_data, live=meeting.agenda_snapshot is None,
                           minutes_form=minutes_form, action_form=action_forms.get(None), action_forms=action_forms,
                           decisions=decisions, editable=manage, today=today, carry_form=carry_form,
                           complete_form=CompleteActionForm(formdata=None),
                           send_form=SendMinutesForm(formdata=None) if manage else None,
                           next_meeting=queries.next_meeting(meeting))
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
            services.save_minutes(meeting, current_user, form.minutes.data, clock.today(),
                                  decisions=_typed(request.form)[1])
        except services.MeetingRuleError as error:
            form.minutes.errors = [*form.minutes.errors, str(error)]
        else:
            flash(_("The minutes are saved."), "success")
            return redirect(url_for("meetings.meeting", meeting_id=meeting.id) + "#minutes")
    return _meeting_page(meeting, minutes_form=form)


@bp.post("/<int:meeting_id>/draft")
def draft(meeting_id: int):
    """The page's periodic save (static/js/meeting.js): the minutes and decisions as typed, kept as the draft."""
    meeting = load_meeting(meeting_id, "meeting.manage")
    if not SendMinutesForm().validate_on_submit():
        abort(400)
    _keep_draft(meeting, prefix="")
    saved_at = meeting.draft_saved_at
    return jsonify(saved=_("Draft kept %(time)s", time=text_datetime(saved_at)) if saved_at else None)


@bp.post("/<int:meeting_id>/actions")
@keeps_input_on_csrf_failure
def new_action(meeting_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage")
    section = _section_arg()
    form = _action_form(meeting, section, ActionForm(prefix=f"{section}-" if section else ""))
    if form.validate_on_submit():
        _keep_draft(meeting)
        values = {"text": form.text.data, "owner_id": form.owner_id.data, "due_on": form.due_on.data,
                  "employer_id": form.employer.data.id if form.employer.data else None, "section": section}
        try:
            services.add_action(meeting, current_user, values)
        except services.MeetingRuleError as error:
            form[error.field].errors = [*form[error.field].errors, str(error)]
        else:
            flash(_("The action is added."), "success")
            return redirect(url_for("meetings.meeting", meeting_id=meeting.id) + f"#item-{section or 'actions'}")
    return _meeting_page(meeting, action_form=form, action_section=section)


@bp.post("/<int:meeting_id>/actions/<int:action_id>/carry")
@keeps_input_on_csrf_failure
def carry_action(meeting_id: int, action_id: int):
    """Reviewed at this meeting and carried on to a new due date."""
    meeting = load_meeting(meeting_id, "meeting.manage")
    action = queries.action_detail(action_id) or abort(404)
    if action.team_id != meeting.team_id:
        abort(404)
    form = CarryActionForm()
    if form.validate_on_submit():
        _keep_draft(meeting)
        try:
            services.carry_action(action, meeting, form.due_on.data, clock.today())
        except services.MeetingRuleError as error:
            form.due_on.errors = [*form.due_on.errors, str(error)]
        else:
            flash(_("Carried to %(date)s: %(what)s", date=day_date(form.due_on.data), what=action.text),
                  "success")
            return redirect(url_for("meetings.meeting", meeting_id=meeting.id) + "#item-open_actions")
    form.action_id = action.id
    return _meeting_page(meeting, carry_form=form)


@bp.post("/<int:meeting_id>/send")
def send_minutes(meeting_id: int):
    """The saved minutes by e-mail to the team's staff."""
    meeting = load_meeting(meeting_id, "meeting.manage")
    if not SendMinutesForm().validate_on_submit():
        abort(400)
    try:
        sent = services.send_minutes(meeting)
    except services.MeetingRuleError as error:
        flash(str(error), "error")
    except MailError:  # what went out is recorded: sending again reaches only those who have none
        flash(_("The mail server did not take every message. Send again later: no one gets the minutes twice."),
              "error")
    else:
        flash(ngettext("The minutes were sent to %(num)s person in the team.",
                       "The minutes were sent to %(num)s people in the team.", sent), "success")
    return redirect(url_for("meetings.meeting", meeting_id=meeting.id) + "#minutes")


@bp.post("/actions/<int:action_id>/done")
def complete_action(action_id: int):
    action = queries.action_detail(action_id) or abort(404)
    require("meeting.action.complete", action)
    form = CompleteActionForm()
    if not form.validate_on_submit():
        abort(400)
    # back: "meeting" (the one that decided it), a meeting's id (the one reviewing it), or the actions page
    back = request.form.get("back", "")
    reviewing = back.isdigit()
    if reviewing and int(back) > MAX_RECORD_ID:
        abort(404)
    meeting = load_meeting(int(back) if reviewing else action.meeting_id) if reviewing or back == "meeting" else None
    if meeting is not None:
        _keep_draft(meeting)
    services.complete_action(action, current_user, clock.today(), form.note.data)
    flash(_("Marked as done: %(what)s", what=action.text), "success")
    if meeting is None:
        return redirect(url_for("meetings.actions"))
    return redirect(url_for("meetings.meeting", meeting_id=meeting.id) + ("#item-open_actions" if reviewing
                                                                           else "#actions"))


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
