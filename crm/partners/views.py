"""The social-enterprise partner portal (/partner/…) and, for specialists, listings and referrals.

A partner reaches only its own organisation's listings and referrals (rules in core.permissions),
and of a referred participant only the name, contact details and what they chose to share.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core.audit import AuditAction, audit
from ..core.clock import today
from ..core.errors import keeps_input_on_csrf_failure
from ..core.locking import EditConflict, seen_version
from ..core.permissions import permission_required, require
from ..core.web import form_page
from ..participants.consent import ConsentMissing, require_consent
from ..participants.models import PartyKind
from ..participants.views import load_participant
from ..placements.models import EndReason
from ..reference import municipalities
from . import labels, queries, services
from .forms import AnswerForm, EndForm, ListingForm, ReferralForm, StartForm
from .models import ListingKind, ListingStatus, Referral, ReferralStatus

bp = Blueprint("partners", __name__)


def load_listing(listing_id: int, action: str):
    listing = queries.listing_detail(listing_id) or abort(404)
    require(action, listing)
    return listing


def load_referral(referral_id: int, action: str) -> Referral:
    referral = queries.referral_detail(referral_id) or abort(404)
    require(action, referral)
    return referral


@bp.app_context_processor
def partner_words():
    return {"listing_kind_label": lambda listing: labels.LISTING_KIND_LABELS[listing.kind],
            "listing_status_label": lambda listing: labels.LISTING_STATUS_LABELS[listing.status],
            "referral_status_label": lambda referral: labels.REFERRAL_STATUS_LABELS[referral.status]}


# --- The portal -------------------------------------------------------------------------------
@bp.get("/partner/")
@permission_required("portal.home")
def portal():
    organisation = current_user.partner_organisation
    return render_template("partners/portal.html", organisation=organisation,
                           listings=queries.organisation_listings(organisation.id))


@bp.route("/partner/listings/new", methods=["GET", "POST"])
@permission_required("portal.listing.create")
@keeps_input_on_csrf_failure
def new_listing():
    form = ListingForm()
    if form.validate_on_submit():
        listing = services.create_listing(current_user.partner_organisation, current_user, form.data)
        flash(_("%(title)s is listed.", title=listing.title), "success")
        return redirect(url_for("partners.portal"))
    return form_page("partners/listing_form.html", form, listing=None, all_municipalities=municipalities())


@bp.route("/partner/listings/<int:listing_id>/edit", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def edit_listing(listing_id: int):
    listing = load_listing(listing_id, "portal.listing.edit")
    form = ListingForm(obj=listing)
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_listing(listing, current_user, form.data, seen_version(form))
        except EditConflict as error:
            conflict = error
        else:
            flash(_("%(title)s is saved.", title=listing.title), "success")
            return redirect(url_for("partners.portal"))
    return form_page("partners/listing_form.html", form, listing=listing, conflict=conflict,
                     all_municipalities=municipalities())


@bp.post("/partner/listings/<int:listing_id>/status")
def listing_status(listing_id: int):
    listing = load_listing(listing_id, "portal.listing.edit")
    status = request.form.get("status", "")
    if status not in {s.value for s in ListingStatus}:
        abort(400)
    services.set_listing_status(listing, current_user, ListingStatus(status))
    flash(_("%(title)s is closed.", title=listing.title) if status == ListingStatus.CLOSED
          else _("%(title)s is open again.", title=listing.title), "success")
    return redirect(url_for("partners.portal"))


@bp.get("/partner/referrals")
@permission_required("portal.home")
def referrals():
    organisation_id = current_user.partner_organisation_id
    rows = queries.inbox(organisation_id)
    shared = queries.sharing_allowed(organisation_id, [r.participant_id for r in rows], today())
    return render_template("partners/referrals.html", referrals=rows, shared=shared)


@bp.route("/partner/referrals/<int:referral_id>", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def referral(referral_id: int):
    referral = load_referral(referral_id, "portal.referral.view")
    shared = bool(queries.sharing_allowed(referral.partner_organisation_id, [referral.participant_id], today()))
    form = AnswerForm()
    if form.validate_on_submit():
        require("portal.referral.answer", referral)
        if not shared:
            form.answer.errors.append(_("The participant's consent no longer covers sharing with you."))
            return form_page("partners/referral.html", form, referral=referral, shared=shared)
        try:
            services.answer_referral(referral, current_user, form.answer.data == "accepted",
                                     form.partner_message.data, today())
        except services.ReferralRefused as refusal:
            form.answer.errors.append(str(refusal))
        else:
            flash(_("Your answer is sent to the job specialist."), "success")
            return redirect(url_for("partners.referral", referral_id=referral.id))
    if shared:
        audit(current_user, referral.participant, AuditAction.VIEW, "partner portal: referral")
    return form_page("partners/referral.html", form, referral=referral, shared=shared)


def _accepted_referral(referral_id: int) -> Referral:
    referral = load_referral(referral_id, "portal.referral.answer")
    if referral.status != ReferralStatus.ACCEPTED:
        abort(409)
    return referral


@bp.route("/partner/referrals/<int:referral_id>/start", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def start(referral_id: int):
    referral = _accepted_referral(referral_id)
    listing = referral.listing
    form = StartForm(hours_per_week=listing.hours_max or listing.hours_min)
    if listing.kind == ListingKind.WORK_PLACEMENT:
        del form.employment_form, form.monthly_wage
    if form.validate_on_submit():
        values = {name: field.data for name, field in form._fields.items()}
        values["hours_per_week"] = float(form.hours_per_week.data)
        try:
            services.record_start(referral, current_user, values, today())
        except services.ReferralRefused as refusal:
            form.started_on.errors.append(str(refusal))
        else:
            flash(_("The start is recorded."), "success")
            return redirect(url_for("partners.referral", referral_id=referral.id))
    return form_page("simple_form.html", form, heading=_("Start at %(title)s", title=listing.title),
                     cancel_url=url_for("partners.referral", referral_id=referral.id))


@bp.route("/partner/referrals/<int:referral_id>/end", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def end(referral_id: int):
    referral = _accepted_referral(referral_id)
    form = EndForm(ended_on=today())
    if form.validate_on_submit():
        try:
            services.record_end(referral, current_user, form.ended_on.data, EndReason(form.end_reason.data), today())
        except services.ReferralRefused as refusal:
            form.ended_on.errors.append(str(refusal))
        else:
            flash(_("The end is recorded."), "success")
            return redirect(url_for("partners.referral", referral_id=referral.id))
    return form_page("simple_form.html", form, heading=_("End at %(title)s", title=referral.listing.title),
                     cancel_url=url_for("partners.referral", referral_id=referral.id))


# --- For specialists ------------------------------------------------------------------------
@bp.get("/listings/<int:listing_id>")
def listing(listing_id: int):
    return render_template("partners/listing.html", listing=load_listing(listing_id, "listing.view"))


@bp.route("/participants/<int:participant_id>/listings/<int:listing_id>/referral", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def refer(participant_id: int, listing_id: int):
    participant = load_participant(participant_id, "referral.create")
    listing = load_listing(listing_id, "listing.view")
    back = url_for("matching.participant_matches", participant_id=participant.id)
    form = ReferralForm()
    if form.validate_on_submit():
        try:
            services.refer(participant, listing, current_user, form.message_to_partner.data, today())
        except (ConsentMissing, services.ReferralRefused) as refusal:
            flash(str(refusal), "error")
            return redirect(back)
        flash(_("%(person)s is referred to %(title)s at %(organisation)s.", person=participant.name,
                title=listing.title, organisation=listing.partner_organisation.name), "success")
        return redirect(back)
    try:  # say at once when the participant's consent does not allow the referral
        require_consent(participant, PartyKind.SOCIAL_ENTERPRISE, listing.partner_organisation_id, today())
        consent_missing = None
    except ConsentMissing as missing:
        consent_missing = str(missing)
    return form_page("partners/refer.html", form, participant=participant, listing=listing, back=back,
                     consent_missing=consent_missing)


@bp.post("/referrals/<int:referral_id>/withdraw")
def withdraw(referral_id: int):
    referral = load_referral(referral_id, "referral.withdraw")
    try:
        services.withdraw_referral(referral, current_user, today())
    except services.ReferralRefused as refusal:
        flash(str(refusal), "error")
    else:
        flash(_("The referral is withdrawn."), "success")
    return redirect(url_for("matching.participant_matches", participant_id=referral.participant_id))
