"""The contact log, next steps and My week: log a contact in under 30 seconds on a phone."""
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import case, select
from sqlalchemy.orm import selectinload

from ..auth.models import User
from ..core import clock
from ..core.errors import keeps_input_on_csrf_failure
from ..core.formats import day_date
from ..core.forms import choices
from ..core.history import history_of
from ..core.locking import EditConflict, seen_version
from ..core.permissions import can, permission_required, require
from ..core.urls import safe_next
from ..core.web import form_page
from ..employers import queries as employer_queries
from ..extensions import db
from ..followup.queries import week_followups
from ..participants.consent import ConsentMissing
from ..participants.disclosure import DisclosureRefusal, disclosure_for
from ..participants.models import Participant, ParticipantStatus
from . import queries, services
from .forms import CorrectContactForm, LogContactForm, NextStepForm
from .labels import FORM_LABELS, PURPOSE_LABELS
from .models import NextStep

bp = Blueprint("contacts", __name__)

DEFAULT_DUE = relativedelta(days=+7)
ERRORS = {  # a services.ContactError → the field that shows it, and the message
    "in_future": ("contacted_at", _l("The time is in the future. Log a contact once it has happened.")),
    "participant_not_in_team": ("participant_ids", _l("Choose participants of your team.")),
    "person_not_at_employer": ("contact_person_id", _l("Choose a person at this employer.")),
    "owner_not_in_team": ("next_owner_id", _l("Choose someone in the team.")),
    "due_in_past": ("next_due_on", _l("The due date has passed. Choose today or a later day.")),
    "next_step_required": ("next_what", _l("Plan a next step, or pause or close the relationship.")),
}


@bp.app_context_processor
def labels():
    return {"form_labels": FORM_LABELS, "purpose_labels": PURPOSE_LABELS}


def load_employer(employer_id: int, action: str):
    employer = employer_queries.employer_detail(employer_id) or abort(404)
    require(action, employer)
    return employer


def load_contact(contact_id: int, action: str):
    contact = queries.contact_detail(contact_id) or abort(404)
    require(action, contact)
    return contact


def load_step(step_id: int, action: str) -> NextStep:
    step = db.session.get(NextStep, step_id) or abort(404)
    require(action, step)
    return step


@bp.get("/contacts/log")
@permission_required("contact.log_any")
def pick_employer():
    """First step of the "log contact" button: which employer? Recent ones first."""
    recent, everyone = queries.pickable_employers(current_user.team_id, current_user.id)
    return render_template("contacts/pick.html", recent=recent, everyone=everyone,
                           next_url=safe_next(request.args.get("next")))


@bp.route("/contacts/log/<int:employer_id>", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def log(employer_id: int):
    employer = load_employer(employer_id, "contact.log")
    today = clock.today()
    form = LogContactForm(today=today)
    open_steps = queries.open_next_steps(employer_id=employer.id)
    _contact_choices(form, employer)
    form.complete_step_ids.choices = choices((s.id, f"{s.what} ({day_date(s.due_on)})") for s in open_steps)
    form.next_owner_id.choices = choices((u.id, u.name) for u in employer_queries.team_specialists(employer.team_id))
    if request.method == "GET":
        form.contacted_at.data = _local_now()
        form.next_due_on.data = today + DEFAULT_DUE
        form.next_owner_id.data = current_user.id
    next_url = safe_next(request.values.get("next"))
    if form.validate_on_submit():
        try:
            services.log_contact(
                employer, current_user, _contact_values(form),
                next_step=None if form.ending.data else services.PlannedStep(
                    form.next_what.data, form.next_due_on.data, form.next_owner_id.data),
                ending=services.Ending(form.ending.data, form.ending_reason.data) if form.ending.data else None,
                participants=_participants(form.participant_ids.data, employer.team_id),
                new_person={"name": form.new_person_name.data, "role": form.new_person_role.data},
                complete_step_ids=form.complete_step_ids.data or (),
            )
        except services.ContactError as error:
            _show(form, error)
        except (DisclosureRefusal, ConsentMissing) as refusal:
            form.participant_ids.errors.append(str(refusal))
        else:
            flash(_("The contact with %(name)s is logged.", name=employer.name), "success")
            return redirect(next_url or url_for("employers.detail", employer_id=employer.id) + "#contacts")
    return form_page("contacts/log.html", form, employer=employer, next_url=next_url)


@bp.get("/contacts/<int:contact_id>")
def contact(contact_id: int):
    entry = load_contact(contact_id, "contact.view")
    labels = {f.name: f.label.text for f in CorrectContactForm(formdata=None)} | {"participants": _("Participants")}
    history = history_of(entry)
    participant_ids = {i for h in history for change in h.changes.get("participants", []) for i in change or []}
    names = {
        "people": {p.id: p.name for p in entry.employer.contact_persons},
        "participants": dict(db.session.execute(
            select(Participant.id, Participant.first_name + " " + Participant.last_name)
            .where(Participant.id.in_(participant_ids))).all()) if participant_ids else {},
    }
    return render_template("contacts/detail.html", contact=entry, history=history, field_labels=labels, names=names)


@bp.route("/contacts/<int:contact_id>/correct", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def correct(contact_id: int):
    entry = load_contact(contact_id, "contact.correct")
    form = CorrectContactForm(obj=entry)
    _contact_choices(form, entry.employer)
    if request.method == "GET":
        form.contacted_at.data = clock.as_utc(entry.contacted_at).astimezone(clock.LOCAL_TZ).replace(tzinfo=None)
        form.participant_ids.data = [p.id for p in entry.participants]
        form.contact_person_id.data = entry.contact_person_id or 0
    conflict = None
    if form.validate_on_submit():
        try:
            services.correct_contact(entry, current_user, _contact_values(form),
                                     _participants(form.participant_ids.data, entry.team_id),
                                     seen_version=seen_version(form))
        except EditConflict as error:
            conflict = error
        except services.ContactError as error:
            _show(form, error)
        except (DisclosureRefusal, ConsentMissing) as refusal:
            form.participant_ids.errors.append(str(refusal))
        else:
            flash(_("The correction is saved."), "success")
            return redirect(url_for("contacts.contact", contact_id=entry.id))
    return form_page("contacts/correct.html", form, contact=entry, conflict=conflict)


@bp.route("/employers/<int:employer_id>/next-steps/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def new_step(employer_id: int):
    employer = load_employer(employer_id, "next_step.create")
    today = clock.today()
    form = NextStepForm(today=today)
    form.owner_id.choices = choices((u.id, u.name) for u in employer_queries.team_specialists(employer.team_id))
    if request.method == "GET":
        form.due_on.data, form.owner_id.data = today + DEFAULT_DUE, current_user.id
    if form.validate_on_submit():
        try:
            services.add_next_step(employer, current_user,
                                   services.PlannedStep(form.what.data, form.due_on.data, form.owner_id.data))
        except services.ContactError:
            form.owner_id.errors.append(_("Choose someone in the team."))
        else:
            flash(_("The next step is planned."), "success")
            return redirect(url_for("employers.detail", employer_id=employer.id) + "#next-steps")
    return form_page("simple_form.html", form, heading=_("Next step at %(name)s", name=employer.name),
                     cancel_url=url_for("employers.detail", employer_id=employer.id))


@bp.post("/next-steps/<int:step_id>/done")
def complete_step(step_id: int):
    step = load_step(step_id, "next_step.complete")
    services.complete_next_step(step, current_user, clock.today())
    flash(_("Marked as done: %(what)s", what=step.what), "success")
    return redirect(safe_next(request.form.get("next"))
                    or url_for("employers.detail", employer_id=step.employer_id) + "#next-steps")


@bp.get("/week/")
@bp.get("/week/<int:user_id>")
def week(user_id: int | None = None):
    """My week: the face-to-face counter against the team's target, next steps, employers gone cold."""
    if user_id is None:
        require("week.view_own")
        whose = current_user
    else:
        whose = db.session.get(User, user_id) or abort(404)
        require("week.view", whose)
    today = clock.today()
    week_start, week_end = clock.iso_week(_week_day(request.args.get("week"), today))
    team = whose.team
    steps = queries.open_next_steps(owner_id=whose.id)
    return render_template(
        "contacts/week.html", whose=whose, mine=whose.id == current_user.id, team=team, today=today,
        week_start=week_start, week_end=week_end,
        is_current=week_start <= today <= week_end,
        count=queries.face_to_face_count(whose.id, week_start, week_end),
        contacts=queries.contacts_by(whose.id, week_start, week_end),
        steps=steps, overdue=sum(1 for s in steps if s.is_overdue(today)),
        followups=week_followups(whose.id, today),
        cold=queries.cold_employers(clock.utcnow(), team_id=whose.team_id, responsible_id=whose.id),
        team_rows=(queries.team_week(team, week_start, week_end, today)
                   if whose.id == current_user.id and can(current_user, "week.team") else None),
        iso=week_start.isocalendar(), this_week=_iso(week_start), prev_week=_iso(week_start - relativedelta(weeks=1)),
        next_week=_iso(week_start + relativedelta(weeks=1)),
    )


def _week_day(value: str | None, today: date) -> date:
    """`?week=2026-W48` picks another ISO week; anything unreadable means this week."""
    try:
        year, week_no = (value or "").split("-W")
        return date.fromisocalendar(int(year), int(week_no), 1)
    except ValueError:
        return today


def _iso(day: date) -> str:
    year, week_no, _ = day.isocalendar()
    return f"{year}-W{week_no:02d}"


def _local_now() -> datetime:
    return clock.utcnow().astimezone(clock.LOCAL_TZ).replace(tzinfo=None, second=0, microsecond=0)


def _contact_choices(form, employer) -> None:
    form.contact_person_id.choices = choices(
        ((p.id, f"{p.name}, {p.role}" if p.role else p.name) for p in employer.contact_persons), (0, "—"))
    participants = db.session.scalars(
        select(Participant).where(Participant.team_id == employer.team_id,
                                  Participant.status != ParticipantStatus.CLOSED)
        .options(selectinload(Participant.disclosure_choices))
        .order_by(case((Participant.specialist_id == current_user.id, 0), else_=1), Participant.first_name,
                  Participant.last_name)
    ).all()
    # The disclosure choice toward this employer shows beside each name, where it matters most.
    form.participant_ids.choices = choices(
        (p.id, f"{p.name} · {_('Disclosure')}: {disclosure_for(p, employer.id).label}") for p in participants)


def _contact_values(form) -> dict:
    return {
        "contacted_at": form.contacted_at.data.replace(tzinfo=clock.LOCAL_TZ),
        "form": form.form.data, "purpose": form.purpose.data,
        "contact_person_id": form.contact_person_id.data or None,
        "summary": form.summary.data, "outcome": form.outcome.data or None,
    }


def _participants(ids, team_id: int) -> list[Participant]:
    if not ids:
        return []
    return db.session.scalars(select(Participant).where(Participant.id.in_(ids), Participant.team_id == team_id)).all()


def _show(form, error: services.ContactError) -> None:
    name, message = ERRORS[str(error)]
    form[name].errors.append(message)
