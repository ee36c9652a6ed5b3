"""Plain functions that build records with sensible defaults; pass what a test cares about."""
import itertools
from datetime import UTC, date, datetime

from crm.auth import services as accounts
from crm.auth.models import Role, Team
from crm.employers.models import ContactPerson, Employer, Stage
from crm.extensions import db
from crm.matching.models import Proposal, ProposalKind, ProposalStatus
from crm.openings.models import JobAnalysis, Opening
from crm.placements.models import EmploymentForm, Placement

PASSWORD = "correct horse battery"
_sequence = itertools.count(1)


def make_team(name=None, **settings):
    return accounts.save_team(None, name=name or f"Team {next(_sequence)}", **settings)


def make_partner_organisation(name=None):
    return accounts.create_partner_organisation(name or f"Socialt företag {next(_sequence)}")


def make_user(role="job_specialist", team=None, name=None, email=None, partner_organisation=None, password=PASSWORD):
    role = Role(role)
    n = next(_sequence)
    if role in (Role.JOB_SPECIALIST, Role.TEAM_LEAD) and team is None:
        team = make_team()
    if role == Role.PARTNER and partner_organisation is None:
        partner_organisation = make_partner_organisation()
    return accounts.create_user(
        email=email or f"user{n}@example.se",
        name=name or f"User {n}",
        password=password,
        role=role,
        team=team,
        partner_organisation=partner_organisation,
    )


def make_employer(team, name=None, organisation_number=None, stage=Stage.PROSPECT, **fields):
    name = name or f"Företag {next(_sequence)} AB"
    employer = Employer(
        team=team, name=name, name_key=name.lower(), organisation_number=organisation_number, stage=stage, **fields
    )
    db.session.add(employer)
    db.session.flush()
    return employer


def make_contact_person(employer, name="Karin Chef", **fields):
    person = ContactPerson(employer=employer, name=name, **fields)
    db.session.add(person)
    db.session.flush()
    return person


def make_analysis(employer, author=None, **fields):
    analysis = JobAnalysis(team_id=employer.team_id, employer_id=employer.id, author_id=author.id if author else None,
                           analysed_on=fields.pop("analysed_on", date(2026, 11, 2)),
                           business_needs=fields.pop("business_needs", "Hjälp i lagret på morgnarna"), **fields)
    db.session.add(analysis)
    db.session.flush()
    return analysis


def make_opening(employer, title="Lagermedarbetare", **fields):
    opening = Opening(team_id=employer.team_id, employer_id=employer.id, title=title, **fields)
    db.session.add(opening)
    db.session.flush()
    return opening


def make_participant(team, specialist=None, first_name="Anna", last_name=None, status="active", **fields):
    """A participant of `team`, with a first status-history entry like the app writes."""
    from crm.participants.models import Participant, ParticipantStatus, ParticipantStatusChange

    entered_on = fields.pop("entered_on", date(2026, 10, 1))
    participant = Participant(team_id=team.id, specialist_id=specialist.id if specialist else None,
                              first_name=first_name, last_name=last_name or f"Andersson {next(_sequence)}",
                              entered_on=entered_on, status=ParticipantStatus(status), **fields)
    participant.status_changes.append(ParticipantStatusChange(status=participant.status, changed_on=entered_on))
    db.session.add(participant)
    db.session.flush()
    return participant


def make_consent(participant, party_kind="employer", employer=None, decided_on=None, **fields):
    from crm.participants.models import Consent, ConsentForm, ConsentScope, PartyKind

    consent = Consent(participant_id=participant.id, party_kind=PartyKind(party_kind),
                      employer_id=employer.id if employer else None, decision=fields.pop("decision", "given"),
                      form=fields.pop("form", ConsentForm.WRITTEN), scope=fields.pop("scope", ConsentScope.EXCHANGE),
                      decided_on=decided_on or date(2026, 10, 5), **fields)
    db.session.add(consent)
    db.session.flush()
    return consent


def make_contact(employer, author, contacted_at=None, form="face_to_face", purpose="learn_needs", **fields):
    """A logged employer contact (written directly: tests of the log's rules go through the service)."""
    from datetime import UTC, datetime

    from crm.contacts.models import ContactForm, ContactPurpose, EmployerContact

    contact = EmployerContact(team_id=employer.team_id, employer_id=employer.id, author_id=author.id,
                              contacted_at=contacted_at or datetime.now(UTC), form=ContactForm(form),
                              purpose=ContactPurpose(purpose), summary=fields.pop("summary", "Besök hos chefen."),
                              **fields)
    db.session.add(contact)
    db.session.flush()
    return contact


def make_next_step(employer, owner, due_on, what="Ring tillbaka", **fields):
    from crm.contacts.models import NextStep

    step = NextStep(team_id=employer.team_id, employer_id=employer.id, owner_id=owner.id, what=what, due_on=due_on,
                    created_by_id=owner.id, **fields)
    db.session.add(step)
    db.session.flush()
    return step


def make_nudge(user, rule="next_step_due", cause_key=None, **fields):
    from crm.nudges.models import Nudge

    nudge = Nudge(user_id=user.id, team_id=user.team_id, rule=rule, cause_key=cause_key or f"test:{next(_sequence)}",
                  params=fields.pop("params", {"employer": "Testföretaget AB", "what": "Ring", "employer_id": 0}),
                  **fields)
    db.session.add(nudge)
    db.session.flush()
    return nudge


def make_proposal(participant, opening, kind="proposed", status="pending", proposed_on=date(2026, 11, 2)):
    proposal = Proposal(team_id=participant.team_id, participant_id=participant.id, opening_id=opening.id,
                        kind=ProposalKind(kind), status=ProposalStatus(status), proposed_on=proposed_on)
    db.session.add(proposal)
    db.session.flush()
    return proposal


def make_placement(participant, employer, started_on=date(2026, 3, 1), hours=20.0, occupation="4322", **fields):
    placement = Placement(team_id=participant.team_id, participant_id=participant.id, employer_id=employer.id,
                          title=fields.pop("title", "Jobb"), occupation_code=occupation, started_on=started_on,
                          hours_per_week=hours, employment_form=fields.pop("employment_form", EmploymentForm.PERMANENT),
                          **fields)
    db.session.add(placement)
    db.session.flush()
    return placement


def make_profile_entry(participant, kind="experience", **fields):
    """A work experience or education in the participant's career profile."""
    from crm.participants.models import Education, WorkExperience

    if kind == "experience":
        entry = WorkExperience(participant_id=participant.id, employer_name=fields.pop("employer_name", "Ica Maxi"),
                               role=fields.pop("role", "Butiksbiträde"), **fields)
    else:
        entry = Education(participant_id=participant.id, programme=fields.pop("programme", "Svenska för invandrare"),
                          **fields)
    db.session.add(entry)
    db.session.flush()
    return entry


def make_listing(organisation, title="Caféarbete", kind="work_placement", **fields):
    """A social enterprise's listing (written directly: the portal's rules are tested through the service)."""
    from crm.partners.models import Listing, ListingKind

    listing = Listing(partner_organisation_id=organisation.id, title=title, kind=ListingKind(kind), **fields)
    db.session.add(listing)
    db.session.flush()
    return listing


def make_referral(participant, listing, status="pending", referred_on=date(2026, 11, 2), **fields):
    from crm.partners.models import Referral, ReferralStatus

    referral = Referral(listing_id=listing.id, participant_id=participant.id, team_id=participant.team_id,
                        referred_on=referred_on, status=ReferralStatus(status), **fields)
    db.session.add(referral)
    db.session.flush()
    return referral


def make_agency_contact(team, kind="arbetsformedlingen", name="Åsa Arbetsförmedlare", **fields):
    from crm.subsidies.models import AgencyContact, AgencyKind

    contact = AgencyContact(team_id=team.id, kind=AgencyKind(kind), name=name,
                            organisation=fields.pop("organisation", "Arbetsförmedlingen Nyköping"), **fields)
    db.session.add(contact)
    db.session.flush()
    return contact


def support_type(code="lonebidrag_utveckling"):
    """One of the support types the migration seeds."""
    from sqlalchemy import select

    from crm.subsidies.models import SupportType

    return db.session.scalar(select(SupportType).where(SupportType.code == code))


def make_negotiation(participant, employer, status="draft", started_on=date(2026, 10, 10), **fields):
    """A negotiation written directly in `status` with one step (tests of the rules go through the service)."""
    from crm.subsidies.models import Negotiation, NegotiationStatus, NegotiationStep

    negotiation = Negotiation(team_id=participant.team_id, participant_id=participant.id, employer_id=employer.id,
                              support_type_id=fields.pop("support_type_id", None) or support_type().id,
                              status=NegotiationStatus(status), **fields)
    negotiation.steps.append(NegotiationStep(to_status=negotiation.status, taken_on=started_on))
    db.session.add(negotiation)
    db.session.flush()
    return negotiation


def make_followup_plan(placement, on=None, employee_rhythm="monthly", employer_rhythm="monthly", user=None):
    """A follow-up plan for a job start, made on `on` (default: the first day of the job)."""
    from crm.followup import services as followup
    from crm.followup.models import Audience

    rhythms = {Audience.EMPLOYEE: employee_rhythm, Audience.EMPLOYER: employer_rhythm}
    return followup.create_plan(placement, user, rhythms, on or placement.started_on)


def make_followup_contact(plan, held_on, audience="employee", form="face_to_face", **fields):
    from crm.followup.models import Audience, FollowUpContact, FollowUpForm

    contact = FollowUpContact(plan=plan, audience=Audience(audience), held_on=held_on, form=FollowUpForm(form),
                              **fields)
    db.session.add(contact)
    db.session.flush()
    return contact


def make_meeting_series(team, first_on=date(2026, 11, 12), **fields):
    """A fortnightly employer-strategy meeting series (no meetings planned: add them with make_meeting)."""
    from datetime import time

    from crm.meetings.models import MeetingSeries

    series = MeetingSeries(team_id=team.id, title=fields.pop("title", "Arbetsgivarstrategimöte"), first_on=first_on,
                           starts_at=fields.pop("starts_at", time(9, 0)), **fields)
    db.session.add(series)
    db.session.flush()
    return series


def make_meeting(series, held_on=None, **fields):
    from crm.meetings.models import Meeting

    meeting = Meeting(series_id=series.id, team_id=series.team_id, held_on=held_on or series.first_on, **fields)
    db.session.add(meeting)
    db.session.flush()
    return meeting


def make_meeting_action(meeting, owner, due_on=date(2026, 11, 20), text="Besök bageriet med en profil", **fields):
    from crm.meetings.models import MeetingAction

    action = MeetingAction(meeting_id=meeting.id, team_id=meeting.team_id, text=text, owner_id=owner.id,
                           due_on=due_on, **fields)
    db.session.add(action)
    db.session.flush()
    return action


def make_tag(team, name="Café", employers=()):
    """A team's tag, put on `employers`."""
    from crm.employers.models import Tag

    tag = Tag(team_id=team.id, name=name)
    db.session.add(tag)
    db.session.flush()
    for employer in employers:
        employer.tags.append(tag)
    db.session.flush()
    return tag


def make_import_job(user, content=b"F\xc3\xb6retag;Kommun\nBageriet AB;Nyk\xc3\xb6ping\n", mapping=None):
    """An uploaded spreadsheet of `user`'s team (mapped when `mapping` is given)."""
    from crm.imports import services as imports

    job = imports.store_upload(user.team_id, user, "lista.csv", content)
    if mapping is not None:
        imports.save_mapping(job, user, mapping)
    return job


def make_network_member(participant, organisation="arbetsformedlingen", person=None, created_at=None, **fields):
    """A person from the team's directory in the participant's network (consent is the test's to add)."""
    from crm.network.models import NetworkMember, Organisation
    from crm.network.services import DIRECTORY_KIND

    organisation = Organisation(organisation)
    team = db.session.get(Team, participant.team_id)
    person = person or make_agency_contact(team, kind=DIRECTORY_KIND.get(organisation, "other"),
                                           name=f"Kim Kontakt {next(_sequence)}",
                                           organisation=fields.pop("person_organisation", "Kontoret"))
    member = NetworkMember(team_id=participant.team_id, participant_id=participant.id, organisation=organisation,
                           agency_contact_id=person.id, is_main=fields.pop("is_main", True),
                           created_at=created_at or datetime(2026, 8, 1, 8, 0, tzinfo=UTC), **fields)
    db.session.add(member)
    db.session.flush()
    return member


def make_disclosure(participant, level="limited", decided_on=date(2026, 10, 1), employer=None):
    """The participant's disclosure choice (toward all employers unless `employer`), as the service records it."""
    from crm.participants import services as participant_services
    from crm.participants.models import DisclosureLevel

    shares = set() if level == "none" else {"share_support"}
    return participant_services.record_disclosure(participant, participant.specialist, DisclosureLevel(level), shares,
                                                  decided_on=decided_on, today=decided_on, employer=employer)


def make_lead(team, ad_id=None, headline="Kock till lunchrestaurang", employer_name="Bageriet i Nyköping AB",
              organisation_number="556677-8899", occupation_code="5120", municipality="Nyköping", **fields):
    from crm.leads.models import Lead

    lead = Lead(team_id=team.id, ad_id=ad_id or f"ad{next(_sequence)}", headline=headline,
                employer_name=employer_name, organisation_number=organisation_number,
                occupation_code=occupation_code, occupation_label=fields.pop("occupation_label", "Kockar"),
                municipality=municipality, municipality_code=fields.pop("municipality_code", "0480"),
                url=fields.pop("url", "https://arbetsformedlingen.se/platsbanken/annonser/1"), **fields)
    db.session.add(lead)
    db.session.flush()
    return lead


def make_lead_search(team, name="Kök i Nyköping", occupation_codes="5120", municipality_codes="0480", **fields):
    from crm.leads.models import LeadSearch

    search = LeadSearch(team_id=team.id, name=name, occupation_codes=occupation_codes,
                        municipality_codes=municipality_codes, **fields)
    db.session.add(search)
    db.session.flush()
    return search
