"""Participants, as far as employer work needs them: who they are, whose caseload, where they stand.

Deliberately no personal identity number and no diagnosis: employer work needs neither.
"""
import enum
from datetime import date, datetime

from flask_babel import gettext
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import utcnow
from ..core.models import UTCDateTime, str_enum
from ..extensions import db


class ParticipantStatus(enum.StrEnum):
    WAITING_LIST = "waiting_list"
    PRE_SCREENING = "pre_screening"
    ACTIVE = "active"
    PASSIVE = "passive"  # no scheduled support; may return at any time
    CLOSED = "closed"  # only at the participant's wish or when consent is withdrawn


class ClosedReason(enum.StrEnum):
    PARTICIPANT_WISH = "participant_wish"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    MOVED = "moved"
    OTHER = "other"


class Outcome(enum.StrEnum):
    """Where the participant stands or went, in the categories the coordination funds report."""

    WORK = "work"
    STUDIES = "studies"
    WORK_TRAINING = "work_training"
    REHABILITATION = "rehabilitation"
    OTHER = "other"


class Participant(db.Model):
    __tablename__ = "participants"
    __table_args__ = (Index("ix_participants_team_status", "team_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    specialist_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    preferred_language: Mapped[str | None] = mapped_column(String(40))
    needs_interpreter: Mapped[bool] = mapped_column(default=False)
    entered_on: Mapped[date]
    # The participant's case officer at Arbetsförmedlingen (the subsidies room's agency directory).
    af_case_officer_id: Mapped[int | None] = mapped_column(ForeignKey("agency_contacts.id"))
    status: Mapped[ParticipantStatus] = mapped_column(str_enum(ParticipantStatus),
                                                      default=ParticipantStatus.WAITING_LIST)
    closed_reason: Mapped[ClosedReason | None] = mapped_column(str_enum(ClosedReason))
    closed_on: Mapped[date | None]
    # Recorded by the reports room's outcome form (at closing or any time); empty until known.
    outcome: Mapped[Outcome | None] = mapped_column(str_enum(Outcome))
    outcome_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    # Set when the participant's personal data was erased (GDPR art. 17); the row stays, anonymous,
    # so that the team's figures (job starts, contacts, outcomes) keep counting what happened.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    erased_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    team = relationship("Team")
    specialist = relationship("User", foreign_keys=[specialist_id])
    status_changes: Mapped[list["ParticipantStatusChange"]] = relationship(
        back_populates="participant",
        order_by="(ParticipantStatusChange.changed_on.desc(), ParticipantStatusChange.id.desc())",
        cascade="all, delete-orphan",
    )
    consents: Mapped[list["Consent"]] = relationship(
        back_populates="participant", order_by="(Consent.decided_on.desc(), Consent.id.desc())",
        cascade="all, delete-orphan",
    )
    career_profile: Mapped["CareerProfile | None"] = relationship(back_populates="participant",
                                                                  cascade="all, delete-orphan")
    work_experiences: Mapped[list["WorkExperience"]] = relationship(
        order_by="(WorkExperience.to_year.desc().nulls_first(), WorkExperience.from_year.desc(), WorkExperience.id)",
        cascade="all, delete-orphan",
    )
    educations: Mapped[list["Education"]] = relationship(
        order_by="(Education.to_year.desc().nulls_first(), Education.id)", cascade="all, delete-orphan",
    )
    benefits_sessions: Mapped[list["BenefitsCounselling"]] = relationship(
        order_by="(BenefitsCounselling.held_on.desc(), BenefitsCounselling.id.desc())", cascade="all, delete-orphan",
    )
    preferences: Mapped["JobPreferences | None"] = relationship(back_populates="participant",
                                                                cascade="all, delete-orphan")
    disclosure_choices: Mapped[list["DisclosureChoice"]] = relationship(
        back_populates="participant", order_by="(DisclosureChoice.decided_on.desc(), DisclosureChoice.id.desc())",
        cascade="all, delete-orphan",
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def name(self) -> str:
        if self.erased_at is not None:
            return gettext("Erased participant no. %(id)s", id=self.id)
        return f"{self.first_name} {self.last_name}"

    @property
    def short_name(self) -> str:
        """First name and initial: what calendar feeds and lists that leave the app may show."""
        return f"{self.first_name} {self.last_name[:1]}."

    def __repr__(self) -> str:
        return f"<Participant {self.id}>"


class ParticipantStatusChange(db.Model):
    """The dated history of a participant's status."""

    __tablename__ = "participant_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    status: Mapped[ParticipantStatus] = mapped_column(str_enum(ParticipantStatus))
    changed_on: Mapped[date]
    reason: Mapped[str | None] = mapped_column(Text)
    closed_reason: Mapped[ClosedReason | None] = mapped_column(str_enum(ClosedReason))
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    participant: Mapped[Participant] = relationship(back_populates="status_changes")
    changed_by = relationship("User")


# --- Consent ------------------------------------------------------------------------------
class PartyKind(enum.StrEnum):
    EMPLOYER = "employer"
    ARBETSFORMEDLINGEN = "arbetsformedlingen"
    FORSAKRINGSKASSAN = "forsakringskassan"
    PSYCHIATRY = "psychiatry"
    SOCIAL_SERVICES = "social_services"
    SOCIAL_ENTERPRISE = "social_enterprise"
    OTHER = "other"


class ConsentDecision(enum.StrEnum):
    GIVEN = "given"
    DECLINED = "declined"


class ConsentForm(enum.StrEnum):
    ORAL = "oral"
    WRITTEN = "written"


class ConsentScope(enum.StrEnum):
    EXCHANGE = "exchange"  # we may share information with the party, and receive from it
    RECEIVE_ONLY = "receive_only"  # the party may tell us; we share nothing with it


class Consent(db.Model):
    """One documented decision about exchanging information with one party; yes and no alike.

    Never deleted: a withdrawal sets `withdrawn_on`, and a new decision is a new row.
    """

    __tablename__ = "consents"
    __table_args__ = (
        CheckConstraint("(party_kind = 'employer') = (employer_id IS NOT NULL)", name="employer_party"),
        CheckConstraint("(party_kind = 'social_enterprise') = (partner_organisation_id IS NOT NULL)",
                        name="social_enterprise_party"),
        CheckConstraint("party_kind <> 'other' OR party_name IS NOT NULL", name="other_party_named"),
        Index("ix_consents_participant_party", "participant_id", "party_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    party_kind: Mapped[PartyKind] = mapped_column(str_enum(PartyKind))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employers.id"), index=True)
    partner_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("partner_organisations.id"))
    party_name: Mapped[str | None] = mapped_column(String(200))
    decision: Mapped[ConsentDecision] = mapped_column(str_enum(ConsentDecision))
    form: Mapped[ConsentForm] = mapped_column(str_enum(ConsentForm))
    decided_on: Mapped[date]
    scope: Mapped[ConsentScope] = mapped_column(str_enum(ConsentScope), default=ConsentScope.EXCHANGE)
    scope_note: Mapped[str | None] = mapped_column(Text)
    valid_until: Mapped[date | None]
    withdrawn_on: Mapped[date | None]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    participant: Mapped[Participant] = relationship(back_populates="consents")
    employer = relationship("Employer")
    partner_organisation = relationship("PartnerOrganisation")
    recorded_by = relationship("User", foreign_keys=[recorded_by_id])
    withdrawn_by = relationship("User", foreign_keys=[withdrawn_by_id])


# --- Career profile -------------------------------------------------------------------------
class CareerProfile(db.Model):
    """The vocational profile's free parts; updated after every job experience (IPS fidelity)."""

    __tablename__ = "career_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), unique=True)
    strengths: Mapped[str | None] = mapped_column(Text)
    interests: Mapped[str | None] = mapped_column(Text)
    skills: Mapped[str | None] = mapped_column(Text)
    driving_licences: Mapped[str | None] = mapped_column(String(40))  # licence classes, as "B, BE"
    languages: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    participant: Mapped[Participant] = relationship(back_populates="career_profile")
    updated_by = relationship("User")


class WorkExperience(db.Model):
    __tablename__ = "work_experiences"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    employer_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200))
    from_year: Mapped[int | None]
    to_year: Mapped[int | None]  # empty while the job goes on
    what_worked: Mapped[str | None] = mapped_column(Text)
    what_did_not: Mapped[str | None] = mapped_column(Text)


class Education(db.Model):
    __tablename__ = "educations"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    programme: Mapped[str] = mapped_column(String(200))
    school: Mapped[str | None] = mapped_column(String(200))
    from_year: Mapped[int | None]
    to_year: Mapped[int | None]
    completed: Mapped[bool] = mapped_column(default=True)


class CounsellingOccasion(enum.StrEnum):
    BEFORE_JOB_START = "before_job_start"
    HOURS_CHANGE = "hours_change"
    WAGE_CHANGE = "wage_change"
    OTHER = "other"


class BenefitsCounselling(db.Model):
    """A benefits-counselling session (IPS principle 7): before a job start and when hours or wage change."""

    __tablename__ = "benefits_counselling_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date]
    occasion: Mapped[CounsellingOccasion] = mapped_column(str_enum(CounsellingOccasion))
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    recorded_by = relationship("User")


# --- Job preferences ------------------------------------------------------------------------
class SoundLevel(enum.StrEnum):
    QUIET = "quiet"
    LIVELY = "lively"
    EITHER = "either"


class Setting(enum.StrEnum):
    INDOOR = "indoor"
    OUTDOOR = "outdoor"
    EITHER = "either"


class PeopleContact(enum.StrEnum):
    MUCH = "much"
    SOME = "some"
    LITTLE = "little"
    EITHER = "either"


class PhysicalWork(enum.StrEnum):
    WANTED = "wanted"
    LIGHT = "light"
    AVOID = "avoid"
    EITHER = "either"


class PreferenceCodeKind(enum.StrEnum):
    OCCUPATION = "occupation"  # SSYK 2012, four digits
    INDUSTRY = "industry"  # SNI 2007 division, two digits
    MUNICIPALITY = "municipality"


class JobPreferences(db.Model):
    """What work the participant wants, in fields that matching can compare with an employer's needs."""

    __tablename__ = "job_preferences"
    __table_args__ = (
        CheckConstraint("hours_min IS NULL OR hours_max IS NULL OR hours_min <= hours_max", name="hours_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), unique=True)
    tasks_liked: Mapped[str | None] = mapped_column(Text)
    tasks_avoided: Mapped[str | None] = mapped_column(Text)
    hours_min: Mapped[int | None]
    hours_max: Mapped[int | None]
    weekdays: Mapped[bool] = mapped_column(Boolean, default=True)
    evenings: Mapped[bool] = mapped_column(Boolean, default=False)
    weekends: Mapped[bool] = mapped_column(Boolean, default=False)
    earliest_start_on: Mapped[date | None]
    max_travel_minutes: Mapped[int | None]
    sound_level: Mapped[SoundLevel] = mapped_column(str_enum(SoundLevel), default=SoundLevel.EITHER)
    setting: Mapped[Setting] = mapped_column(str_enum(Setting), default=Setting.EITHER)
    people_contact: Mapped[PeopleContact] = mapped_column(str_enum(PeopleContact), default=PeopleContact.EITHER)
    physical_work: Mapped[PhysicalWork] = mapped_column(str_enum(PhysicalWork), default=PhysicalWork.EITHER)
    wage_floor: Mapped[int | None]  # SEK a month before tax
    must_haves: Mapped[str | None] = mapped_column(Text)
    must_avoids: Mapped[str | None] = mapped_column(Text)
    reviewed_on: Mapped[date]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    participant: Mapped[Participant] = relationship(back_populates="preferences")
    updated_by = relationship("User")
    codes: Mapped[list["JobPreferenceCode"]] = relationship(cascade="all, delete-orphan",
                                                            order_by="JobPreferenceCode.code")

    def codes_of(self, kind: PreferenceCodeKind) -> list[str]:
        return [c.code for c in self.codes if c.kind == kind]

    @property
    def occupations(self) -> list[str]:
        return self.codes_of(PreferenceCodeKind.OCCUPATION)

    @property
    def industries(self) -> list[str]:
        return self.codes_of(PreferenceCodeKind.INDUSTRY)

    @property
    def municipalities(self) -> list[str]:
        return self.codes_of(PreferenceCodeKind.MUNICIPALITY)


class JobPreferenceCode(db.Model):
    """One wanted occupation, industry or municipality: a row each, so matching can join on codes."""

    __tablename__ = "job_preference_codes"
    __table_args__ = (UniqueConstraint("preferences_id", "kind", "code", name="uq_job_preference_codes_code"),
                      Index("ix_job_preference_codes_kind_code", "kind", "code"))

    id: Mapped[int] = mapped_column(primary_key=True)
    preferences_id: Mapped[int] = mapped_column(ForeignKey("job_preferences.id", ondelete="CASCADE"))
    kind: Mapped[PreferenceCodeKind] = mapped_column(str_enum(PreferenceCodeKind))
    code: Mapped[str] = mapped_column(String(80))


# --- Disclosure -----------------------------------------------------------------------------
class DisclosureLevel(enum.StrEnum):
    FULL = "full"  # the employer may learn about the condition
    LIMITED = "limited"  # the employer knows the person has support through the programme, no diagnosis
    NONE = "none"  # the specialist works behind the scenes and never contacts the employer on their behalf


class DisclosureChoice(db.Model):
    """One recorded disclosure choice; rows are only added, so the table is its own dated history.

    `employer_id` empty: the default toward all employers. Set: an override toward that employer;
    an override row with an empty `level` removes the override (the default applies again).
    """

    __tablename__ = "disclosure_choices"
    __table_args__ = (
        CheckConstraint("level IS NOT NULL OR employer_id IS NOT NULL", name="default_has_level"),
        Index("ix_disclosure_choices_participant", "participant_id", "employer_id", "decided_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employers.id"), index=True)
    level: Mapped[DisclosureLevel | None] = mapped_column(str_enum(DisclosureLevel))
    # What the employer may learn (with "none" nothing; the condition itself only with "full").
    share_support: Mapped[bool] = mapped_column(default=False)
    share_adjustments: Mapped[bool] = mapped_column(default=False)
    share_cv_gaps: Mapped[bool] = mapped_column(default=False)
    share_condition: Mapped[bool] = mapped_column(default=False)
    decided_on: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    participant: Mapped[Participant] = relationship(back_populates="disclosure_choices")
    employer = relationship("Employer")
    recorded_by = relationship("User")
