"""Participants: caseload, record, status, consent, career profile, preferences, disclosure, audit trail.

Every page that shows a participant's record is logged in the audit trail; changes are logged by
the services.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from ..core import clock
from ..core.audit import AuditAction, audit, audit_trail
from ..core.errors import keeps_input_on_csrf_failure
from ..core.forms import choices
from ..core.locking import EditConflict, seen_version
from ..core.permissions import can, permission_required, require
from ..core.urls import arg_int
from ..core.web import form_page
from ..extensions import db
from ..partners.models import PartnerOrganisation, ReferralStatus
from ..partners.queries import referrals_of
from ..placements.queries import placements_of
from ..reference import industry_name, occupation_name
from . import labels, queries, services
from .consent import consent_overview, party_label
from .disclosure import SHARE_FIELDS, current_choices, disclosure_for
from .forms import (
    BenefitsSessionForm,
    CareerProfileForm,
    ConsentRecordForm,
    DisclosureForm,
    DisclosureOverrideForm,
    EducationForm,
    NewParticipantForm,
    OutcomeForm,
    ParticipantForm,
    PreferencesForm,
    StatusForm,
    WithdrawConsentForm,
    WorkExperienceForm,
)
from .models import Consent, Participant, ParticipantStatus, PartyKind

bp = Blueprint("participants", __name__, url_prefix="/participants")

STATUS_FILTERS = {"open": queries.OPEN_STATUSES, "all": tuple(ParticipantStatus),
                  **{s.value: (s,) for s in ParticipantStatus}}


def load_participant(participant_id: int, action: str = "participant.view", detail: bool = False) -> Participant:
    """The one way views get a participant: 404 when it does not exist, 403 when not theirs."""
    participant = queries.participant_detail(participant_id) if detail else db.session.get(Participant, participant_id)
    if participant is None:
        abort(404)
    require(action, participant)
    return participant


@bp.context_processor
def participant_labels():
    language = get_locale().language
    return {
        "labels": labels,
        "occupation_name": lambda code: occupation_name(code, language),
        "industry_name": lambda code: industry_name(code, language),
        "party_label": party_label,
    }


@bp.app_context_processor
def employer_page_helpers():
    """For the employer page's warning: participants who chose no disclosure toward that employer."""
    def no_disclosure_participants(employer):
        return queries.no_disclosure_participants(employer) if can(current_user, "participant.list") else []

    return {"no_disclosure_participants": no_disclosure_participants}


def _rule_error(form, error: services.ParticipantRuleError) -> None:
    name = error.field if error.field in form else next(iter(form._fields))
    form[name].errors = [*form[name].errors, str(error)]


def _specialist_choices(form, team_id: int, first=(0, "—")):
    form.specialist_id.choices = choices(((u.id, u.name) for u in queries.team_specialists(team_id)), first)
    return form


def _values(form, exclude=("csrf_token",)) -> dict:
    return {name: field.data for name, field in form._fields.items() if name not in exclude}


def _detail_url(participant, anchor: str = "") -> str:
    return url_for("participants.detail", participant_id=participant.id) + (f"#{anchor}" if anchor else "")


# --- Caseload and the record ---------------------------------------------------------------
@bp.get("/")
@permission_required("participant.list")
def index():
    team_view = can(current_user, "participant.team_caseload")
    specialist_id = arg_int("specialist", low=0)
    if specialist_id is None:
        specialist_id = 0 if team_view else current_user.id
    status = request.args.get("status", "open")
    statuses = STATUS_FILTERS.get(status, queries.OPEN_STATUSES)
    today = clock.today()
    sort = request.args.get("sort") if request.args.get("sort") in queries.CASELOAD_SORTS else "name"
    loads = queries.specialist_loads(current_user.team)
    return render_template(
        "participants/list.html", rows=queries.caseload(current_user.team_id, today, specialist_id or None, statuses,
                                                        name=request.args.get("q", "")[:100], sort=sort),
        loads=loads if team_view else [load for load in loads if load.specialist.id == current_user.id],
        specialists=queries.team_specialists(current_user.team_id), specialist_id=specialist_id, status=status,
        team_view=team_view, q=request.args.get("q", "")[:100], sort=sort,
    )


@bp.route("/new", methods=["GET", "POST"])
@permission_required("participant.create")
@keeps_input_on_csrf_failure
def new():
    form = _specialist_choices(NewParticipantForm(specialist_id=current_user.id), current_user.team_id)
    if form.validate_on_submit():
        values = _values(form)
        status = ParticipantStatus(values.pop("status"))
        values["specialist_id"] = values["specialist_id"] or None
        try:
            participant = services.create_participant(current_user.team, current_user, values, status)
        except services.ParticipantRuleError as error:
            _rule_error(form, error)
        else:
            flash(_("The participant is added."), "success")
            return redirect(_detail_url(participant))
    return form_page("simple_form.html", form, heading=_("New participant"),
                     cancel_url=url_for("participants.index"))


@bp.get("/<int:participant_id>")
def detail(participant_id: int):
    participant = load_participant(participant_id, detail=True)
    audit(current_user, participant, AuditAction.VIEW, "overview")
    today = clock.today()
    overrides = [c for employer_id, c in current_choices(participant).items()
                 if employer_id is not None and c.level is not None]
    return render_template(
        "participants/detail.html", participant=participant, today=today,
        days_since_entry=(today - participant.entered_on).days,
        contacts=queries.caseload_rows([participant], today)[0],
        partner_answers=[r for r in referrals_of(participant.id).values()
                         if r.status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED)],
        consents=consent_overview(participant, today), disclosure=disclosure_for(participant, None),
        overrides=sorted(overrides, key=lambda c: c.employer.name_key),
        placements=placements_of(participant.id),
    )


@bp.route("/<int:participant_id>/edit", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def edit(participant_id: int):
    participant = load_participant(participant_id, "participant.edit")
    form = _specialist_choices(ParticipantForm(obj=participant), participant.team_id)
    conflict = None
    if form.validate_on_submit():
        values = _values(form)
        values["specialist_id"] = values["specialist_id"] or None
        try:
            services.update_participant(participant, current_user, values, seen_version(form))
        except services.ParticipantRuleError as error:
            _rule_error(form, error)
        except EditConflict as error:
            conflict = error
        else:
            flash(_("The changes are saved."), "success")
            return redirect(_detail_url(participant))
    elif request.method == "GET":
        audit(current_user, participant, AuditAction.VIEW, "details form")
    return form_page("simple_form.html", form, heading=_("Edit details"), cancel_url=_detail_url(participant),
                     conflict=conflict)


@bp.route("/<int:participant_id>/status", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def status(participant_id: int):
    participant = load_participant(participant_id, "participant.edit")
    form = StatusForm()
    if form.validate_on_submit():
        try:
            services.change_status(participant, current_user, form.status.data, form.changed_on.data, clock.today(),
                                   closed_reason=form.closed_reason.data or None, note=form.note.data)
        except services.ParticipantRuleError as error:
            _rule_error(form, error)
        else:
            flash(_("The status is changed."), "success")
            return redirect(_detail_url(participant, "status"))
    elif request.method == "GET":
        audit(current_user, participant, AuditAction.VIEW, "status form")
    return form_page("participants/status.html", form, participant=participant)


@bp.route("/<int:participant_id>/outcome", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def outcome(participant_id: int):
    """The outcome category (work, studies, …) that the reports room counts."""
    participant = load_participant(participant_id, "participant.edit")
    form = OutcomeForm(outcome=participant.outcome.value if participant.outcome else "",
                       outcome_on=participant.outcome_on or clock.today())
    if form.validate_on_submit():
        try:
            services.record_outcome(participant, current_user, form.outcome.data or None, form.outcome_on.data,
                                    clock.today())
        except services.ParticipantRuleError as error:
            _rule_error(form, error)
        else:
            flash(_("The outcome is saved."), "success")
            return redirect(_detail_url(participant, "status"))
    return form_page("simple_form.html", form, heading=_("Outcome for %(name)s", name=participant.name),
                     cancel_url=_detail_url(participant, "status"))


# --- Consent ----------------------------------------------------------------------------------
@bp.route("/<int:participant_id>/consents/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def new_consent(participant_id: int):
    participant = load_participant(participant_id, "participant.edit")
    form = ConsentRecordForm()
    form.employer.team_id = participant.team_id
    organisations = db.session.scalars(select(PartnerOrganisation).where(PartnerOrganisation.active.is_(True))
                                       .order_by(PartnerOrganisation.name)).all()
    form.partner_organisation_id.choices = choices(((o.id, o.name) for o in organisations), (0, "—"))
    if request.method == "GET" and form.employer.preselect(arg_int("employer", or_404=False)):
        form.party_kind.data = PartyKind.EMPLOYER.value
    if form.validate_on_submit():
        values = _values(form, exclude=("csrf_token", "employer"))
        values["employer_id"] = form.employer.data.id if form.employer.data else None
        try:
            services.record_consent(participant, current_user, values, clock.today())
        except services.ParticipantRuleError as error:
            _rule_error(form, error)
        else:
            flash(_("The decision is recorded."), "success")
            return redirect(_detail_url(participant, "consent"))
    return form_page("simple_form.html", form, heading=_("Record a consent decision"),
                     cancel_url=_detail_url(participant, "consent"))


@bp.route("/<int:participant_id>/consents/<int:consent_id>/withdraw", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def withdraw_consent(participant_id: int, consent_id: int):
    participant = load_participant(participant_id, "participant.edit")
    consent = db.session.get(Consent, consent_id)
    if consent is None or consent.participant_id != participant.id:
        abort(404)
    form = WithdrawConsentForm()
    if form.validate_on_submit():
        try:
            services.withdraw_consent(consent, current_user, form.withdrawn_on.data, clock.today())
        except services.ParticipantRuleError as error:
            _rule_error(form, error)
        else:
            flash(_("The withdrawal is recorded."), "success")
            return redirect(_detail_url(participant, "consent"))
    return form_page("simple_form.html", form, cancel_url=_detail_url(participant, "consent"),
                     heading=_("Withdraw consent for %(party)s", party=party_label(consent)))


# --- Career profile ------------------------------------------------------------------------
@bp.route("/<int:participant_id>/profile", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def profile(participant_id: int):
    participant = load_participant(participant_id, "participant.edit", detail=True)
    form = CareerProfileForm(obj=participant.career_profile)
    if form.validate_on_submit():
        services.save_career_profile(participant, current_user, _values(form))
        flash(_("The career profile is saved."), "success")
        return redirect(_detail_url(participant, "profile"))
    if request.method == "GET":
        audit(current_user, participant, AuditAction.VIEW, "career profile form")
    return form_page("participants/profile.html", form, participant=participant)


ENTRY_FORMS = {"experience": (WorkExperienceForm, _l("Work experience")), "education": (EducationForm, _l("Education"))}


def _entry_routes(suffix: str, **options):
    """One URL per kind of career-profile entry (work experience, education), one view for both;
    `{id}` in `suffix` becomes <int:experience_id> or <int:education_id>."""
    def register(view):
        for kind in ENTRY_FORMS:
            path = f"/<int:participant_id>/{kind}" + suffix.replace("{id}", f"<int:{kind}_id>")
            view = bp.route(path, defaults={"kind": kind}, **options)(view)
        return view

    return register


@_entry_routes("/new", methods=["GET", "POST"])
@_entry_routes("/{id}", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def profile_entry(participant_id: int, kind: str, **entry_id):
    participant = load_participant(participant_id, "participant.edit")
    entry = _entry_of(participant, kind, entry_id) if entry_id else None
    form_class, heading = ENTRY_FORMS[kind]
    form = form_class(obj=entry)
    if form.validate_on_submit():
        try:
            services.save_profile_entry(participant, current_user, kind, _values(form), entry)
        except services.ParticipantRuleError as error:
            _rule_error(form, error)
        else:
            flash(_("The career profile is saved."), "success")
            return redirect(url_for("participants.profile", participant_id=participant.id))
    return form_page("simple_form.html", form, heading=heading,
                     cancel_url=url_for("participants.profile", participant_id=participant.id))


@_entry_routes("/{id}/remove", methods=["POST"])
def remove_profile_entry(participant_id: int, kind: str, **entry_id):
    participant = load_participant(participant_id, "participant.edit")
    services.remove_profile_entry(participant, current_user, kind, _entry_of(participant, kind, entry_id))
    flash(_("Removed from the career profile."), "success")
    return redirect(url_for("participants.profile", participant_id=participant.id))


def _entry_of(participant, kind: str, entry_id: dict):
    """The participant's entry named by the URL's `experience_id` or `education_id`, else 404."""
    model = services.ENTRY_KINDS[kind][0]
    entry = db.session.get(model, entry_id[f"{kind}_id"])
    if entry is None or entry.participant_id != participant.id:
        abort(404)
    return entry


@bp.route("/<int:participant_id>/benefits/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def new_benefits_session(participant_id: int):
    participant = load_participant(participant_id, "participant.edit")
    form = BenefitsSessionForm()
    if form.validate_on_submit():
        try:
            services.add_benefits_session(participant, current_user, _values(form), clock.today())
        except services.ParticipantRuleError as error:
            _rule_error(form, error)
        else:
            flash(_("The benefits counselling is recorded."), "success")
            return redirect(url_for("participants.profile", participant_id=participant.id) + "#benefits")
    return form_page("simple_form.html", form, heading=_("Benefits counselling"),
                     cancel_url=url_for("participants.profile", participant_id=participant.id))


# --- Job preferences -----------------------------------------------------------------------
@bp.route("/<int:participant_id>/preferences", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def preferences(participant_id: int):
    participant = load_participant(participant_id, "participant.edit", detail=True)
    current = participant.preferences
    form = PreferencesForm(obj=current)
    if request.method == "GET":
        form.reviewed_on.data = clock.today()
    if form.validate_on_submit():
        try:
            services.save_preferences(participant, current_user, _values(form))
        except services.ParticipantRuleError as error:
            _rule_error(form, error)
        else:
            flash(_("The job preferences are saved."), "success")
            return redirect(_detail_url(participant, "preferences"))
    elif request.method == "GET":
        audit(current_user, participant, AuditAction.VIEW, "job preferences form")
    return form_page("participants/preferences.html", form, participant=participant)


# --- Disclosure ---------------------------------------------------------------------------
@bp.route("/<int:participant_id>/disclosure", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def disclosure(participant_id: int):
    participant = load_participant(participant_id, "participant.edit", detail=True)
    default = disclosure_for(participant, None)
    form = DisclosureForm(**({"level": default.level.value, **{name: name in default.shares for name in SHARE_FIELDS}}
                             if default.level else {}))
    if form.validate_on_submit():
        try:
            services.record_disclosure(participant, current_user, form.level.data, form.shares, form.decided_on.data,
                                       clock.today())
        except services.ParticipantRuleError as error:
            _rule_error(form, error)
        else:
            flash(_("The disclosure choice is recorded."), "success")
            return redirect(url_for("participants.disclosure", participant_id=participant.id))
    elif request.method == "GET":
        audit(current_user, participant, AuditAction.VIEW, "disclosure")
    overrides = [c for employer_id, c in current_choices(participant).items()
                 if employer_id is not None and c.level is not None]
    return form_page("participants/disclosure.html", form, participant=participant, default=default,
                     overrides=sorted(overrides, key=lambda c: c.employer.name_key))


@bp.route("/<int:participant_id>/disclosure/employer", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def disclosure_override(participant_id: int):
    participant = load_participant(participant_id, "participant.edit", detail=True)
    form = DisclosureOverrideForm()
    form.employer.team_id = participant.team_id
    if request.method == "GET" and (employer := form.employer.preselect(arg_int("employer", or_404=False))):
        current = disclosure_for(participant, employer.id)
        if current.is_override:
            form.level.data = current.level.value
            for name in SHARE_FIELDS:
                form[name].data = name in current.shares
    if form.validate_on_submit():
        try:
            services.record_disclosure(participant, current_user, form.level.data or None, form.shares,
                                       form.decided_on.data, clock.today(), employer=form.employer.data)
        except services.ParticipantRuleError as error:
            _rule_error(form, error)
        else:
            flash(_("The disclosure choice is recorded."), "success")
            return redirect(url_for("participants.disclosure", participant_id=participant.id))
    return form_page("participants/disclosure_override.html", form, participant=participant)


# --- Audit trail ------------------------------------------------------------------------------
@bp.get("/<int:participant_id>/audit")
def audit_log(participant_id: int):
    participant = load_participant(participant_id, "participant.audit")
    entries = audit_trail(participant.id)
    audit(current_user, participant, AuditAction.AUDIT_VIEW, "audit trail")
    return render_template("participants/audit.html", participant=participant, entries=entries)
