"""Spreadsheet import of employers, their contact persons and past contacts.

The upload is stored (the steps are separate requests), its columns are mapped, every row is planned
(the dry run shown as the preview) and then the valid rows go in, in the request's one transaction,
with one bulk statement per table. The plan is made again at import time, so what goes in is checked
against the register as it is then, not as it was at the preview.
"""
import enum
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, insert, select, update

from ..contacts.models import ContactPurpose, EmployerContact
from ..core.clock import utcnow
from ..core.csvio import Dialect, UnreadableFile, detect, read_rows, write_csv
from ..core.formats import text_date
from ..core.forms import without_nul
from ..core.history import RecordChange
from ..employers.models import ContactPerson, Employer, Sector, Stage, municipality_key
from ..extensions import db
from .columns import EMPLOYER_FIELDS, ParsedRow, RowError, RowReader, guess_mapping
from .duplicates import NameIndex, name_key
from .models import ImportJob, ImportMapping, ImportStatus

KIND = "employers"


class Action(enum.StrEnum):
    CREATE = "create"  # a new employer
    UPDATE = "update"  # an employer in the register gets new values, a contact person or a contact
    ADD = "add"  # a later row of an employer earlier in the file adds a contact person or a contact
    UNCHANGED = "unchanged"  # nothing new: skipped
    INVALID = "invalid"  # skipped, and offered for download with the reason


@dataclass
class RowPlan:
    line: int
    cells: list[str]
    action: Action
    reason: str = ""
    changes: dict[str, list] = field(default_factory=dict)  # employer field -> [old, new]
    adds: list[str] = field(default_factory=list)  # what else the row brings, in words
    new_person: bool = False
    person_id: int | None = None  # the contact person in the register the row names
    person_changes: dict[str, list] = field(default_factory=dict)
    new_contact: bool = False
    similar: list[tuple[int, str]] = field(default_factory=list)  # employers the row may duplicate
    row: ParsedRow | None = None
    target: int = 0  # the employer: an id in the register, or -n for the n-th new one in this import


# --- Upload and mapping -------------------------------------------------------------------
def store_upload(team_id: int, user, filename: str, data: bytes) -> ImportJob:
    """Keep the file for the next steps; UnreadableFile if it is no CSV with a header row."""
    dialect = detect(data)
    headers = next((cells for _, cells in read_rows(data, dialect) if any(c.strip() for c in cells)), None)
    if not headers:
        raise UnreadableFile("no header")
    job = ImportJob(team_id=team_id, created_by_id=user.id, kind=KIND, filename=without_nul(filename)[:200], raw=data,
                    encoding=dialect.encoding, delimiter=dialect.delimiter,
                    headers=[h.strip() for h in headers], created_at=utcnow())
    db.session.add(job)
    db.session.flush()
    return job


def suggested_mapping(job: ImportJob, user) -> dict[str, int]:
    """The job's own mapping once chosen; before that the user's last one, then the header names."""
    if job.mapping:
        return job.mapping
    remembered = db.session.scalar(select(ImportMapping).where(ImportMapping.user_id == user.id,
                                                               ImportMapping.kind == job.kind))
    return guess_mapping(job.headers, remembered.columns if remembered else None)


def save_mapping(job: ImportJob, user, mapping: dict[str, int]) -> None:
    """Use `mapping` for this job and remember it (by header text) for the user's next import."""
    job.mapping = mapping
    job.status = ImportStatus.MAPPED
    remembered = db.session.scalar(select(ImportMapping).where(ImportMapping.user_id == user.id,
                                                               ImportMapping.kind == job.kind))
    if remembered is None:
        remembered = ImportMapping(user_id=user.id, kind=job.kind)
        db.session.add(remembered)
    remembered.columns = {name: job.headers[index] for name, index in mapping.items()}
    remembered.updated_at = utcnow()
    db.session.flush()


def sample_rows(job: ImportJob, count: int = 3) -> list[list[str]]:
    """The first data rows, shown beside the columns while mapping them."""
    rows = []
    for _, cells in _data_rows(job):
        rows.append(cells)
        if len(rows) == count:
            break
    return rows


def _data_rows(job: ImportJob) -> Iterator[tuple[int, list[str]]]:
    rows = read_rows(job.raw, Dialect(job.encoding, job.delimiter))
    for _, cells in rows:
        if any(c.strip() for c in cells):
            break  # the header row
    for line, cells in rows:
        if any(c.strip() for c in cells):
            yield line, cells


# --- The plan (dry run) ---------------------------------------------------------------------
class _Register:
    """What the team's register holds that a row may match, loaded in a fixed number of queries."""

    def __init__(self, team_id: int):
        columns = [Employer.id, Employer.archived_at, *(getattr(Employer, name) for name in EMPLOYER_FIELDS)]
        self.by_number: dict[str, dict] = {}
        self.by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for row in db.session.execute(select(*columns).where(Employer.team_id == team_id)).mappings():
            employer = dict(row)
            if employer["organisation_number"]:
                self.by_number[employer["organisation_number"]] = employer
            if employer["archived_at"] is None:
                self.by_name[(name_key(employer["name"]), municipality_key(employer["municipality"]))].append(employer)
        self.names = NameIndex((e["id"], e["name"], e["municipality"], e["organisation_number"])
                               for group in self.by_name.values() for e in group)
        self.persons: dict[tuple[int, str], dict] = {}
        for row in db.session.execute(
            select(ContactPerson.id, ContactPerson.employer_id, ContactPerson.name, ContactPerson.role,
                   ContactPerson.phone, ContactPerson.email)
            .join(Employer, Employer.id == ContactPerson.employer_id).where(Employer.team_id == team_id)
        ).mappings():
            self.persons[(row["employer_id"], row["name"].lower())] = dict(row)
        self.contacts: set[tuple] = set(db.session.execute(
            select(EmployerContact.employer_id, EmployerContact.contacted_at, EmployerContact.form)
            .where(EmployerContact.team_id == team_id)))

    def find(self, row: ParsedRow) -> tuple[dict | None, list[dict]]:
        """The employer this row is, or the employers it may be (several exact names, or similar)."""
        number, values = row.number, row.employer
        if number and number in self.by_number:
            return self.by_number[number], []
        same = [e for e in self.by_name.get((name_key(values["name"]), municipality_key(values.get("municipality"))),
                                             []) if not (number and e["organisation_number"])]
        if len(same) == 1:
            return same[0], []
        if same:
            return None, same
        similar = self.names.similar(values["name"], values.get("municipality"), without_number_only=bool(number))
        return None, [{"id": c.id, "name": c.name} for c, _ in similar]


def plan_rows(job: ImportJob, today: date, include_possible_duplicates: bool = False) -> Iterator[RowPlan]:
    """Each non-empty row with what the import would do with it, streamed."""
    register = _Register(job.team_id)
    seen: dict[object, tuple[int, dict, int]] = {}  # the file's employers: key -> (line, values, target)
    claimed: dict[int, int] = {}  # employers in the register that a row matched -> that row's line
    persons_added: set[tuple[int, str]] = set()
    contacts_added: set[tuple] = set()
    created = 0
    width, reader = len(job.headers), RowReader(job.mapping, today)
    for line, cells in _data_rows(job):
        if len(cells) > width and not any(c.strip() for c in cells[width:]):
            cells = cells[:width]  # trailing separators
        if len(cells) != width:
            yield RowPlan(line, cells, Action.INVALID, str(_l(
                "The row has %(count)s columns; the first row has %(width)s.", count=len(cells), width=width)))
            continue
        try:
            row = reader.read(cells)
        except RowError as error:
            yield RowPlan(line, cells, Action.INVALID, str(error))
            continue
        key = row.number or (name_key(row.employer["name"]), municipality_key(row.employer.get("municipality")))
        plan = RowPlan(line, cells, Action.CREATE, row=row)
        if key in seen:
            first_line, first_values, plan.target = seen[key]
            differing = sorted(name for name in EMPLOYER_FIELDS if row.employer.get(name) != first_values.get(name))
            if differing:
                plan.action = Action.INVALID
                plan.reason = str(_l("The same employer as on line %(line)s, with other values (%(fields)s).",
                                     line=first_line, fields=", ".join(differing)))
                yield plan
                continue
            plan.action = Action.ADD
        else:
            existing, maybe = register.find(row)
            if existing is not None and existing["id"] in claimed:
                plan.action = Action.INVALID
                plan.reason = str(_l("Matches the same employer in the register as line %(line)s.",
                                     line=claimed[existing["id"]]))
                yield plan
                continue
            if existing is not None:
                claimed[existing["id"]] = line
                plan.action, plan.target = Action.UPDATE, existing["id"]
                plan.changes = {name: [existing[name], value] for name, value in row.employer.items()
                                if existing[name] != value}
            elif maybe and not include_possible_duplicates:
                plan.action = Action.INVALID
                plan.similar = [(e["id"], e["name"]) for e in maybe]
                plan.reason = str(_l("Possibly the same employer as %(names)s in the register. Add the organisation "
                                     "number, or import it anyway.", names=", ".join(e["name"] for e in maybe)))
                yield plan
                continue
            else:
                created += 1
                plan.target = -created
            seen[key] = (line, row.employer, plan.target)
        _plan_person_and_contact(plan, register, persons_added, contacts_added)
        if plan.action in (Action.UPDATE, Action.ADD) and not plan.changes and not plan.adds:
            plan.action = Action.UNCHANGED
            plan.reason = str(_l("Nothing new: the register already holds this."))
        yield plan


def _plan_person_and_contact(plan: RowPlan, register: _Register, persons_added: set, contacts_added: set) -> None:
    row = plan.row
    if row.person:
        key = (plan.target, row.person["name"].lower())
        existing = register.persons.get(key)
        if existing is not None:
            plan.person_id = existing["id"]
            plan.person_changes = {k: [existing[k], v] for k, v in row.person.items()
                                   if k != "name" and existing[k] != v}
            if plan.person_changes:
                plan.adds.append(str(_l("new details for %(name)s", name=row.person["name"])))
        elif key not in persons_added:
            persons_added.add(key)
            plan.new_person = True
            plan.adds.append(str(_l("contact person %(name)s", name=row.person["name"])))
    if row.contact:
        key = (plan.target, row.contact["contacted_at"], row.contact["form"])
        if key not in register.contacts and key not in contacts_added:
            contacts_added.add(key)
            plan.new_contact = True
            plan.adds.append(str(_l("a contact on %(date)s", date=text_date(row.contact["contacted_at"]))))


@dataclass
class Preview:
    counts: Counter
    rows: list[RowPlan]
    shown: int  # rows of the chosen kind, over all pages


def preview(job: ImportJob, today: date, show: str | None, page: int, per_page: int,
            include_possible_duplicates: bool = False) -> Preview:
    """Counts for the whole file and one page of rows (of one action, if `show`)."""
    counts: Counter = Counter()
    rows, start = [], (page - 1) * per_page
    for plan in plan_rows(job, today, include_possible_duplicates):
        counts[plan.action] += 1
        if show and plan.action != show:
            continue
        shown = counts[plan.action] if show else counts.total()
        if start < shown <= start + per_page:
            rows.append(plan)
    return Preview(counts, rows, counts[show] if show else counts.total())


# --- The import -----------------------------------------------------------------------------
def run_import(job: ImportJob, user, today: date, include_possible_duplicates: bool = False,
               now: datetime | None = None) -> Counter:
    """Import every valid row of a mapped job: bulk inserts and updates, one history entry per employer
    created or changed. The raw file is dropped; the invalid rows are kept as a CSV to fix."""
    now = now or utcnow()
    counts: Counter = Counter()
    new_employers, new_persons, new_contacts, invalid = [], [], [], []
    employer_updates: dict[int, dict] = {}
    person_updates: dict[int, dict] = {}
    history: dict[int, dict] = defaultdict(dict)
    updated: set[int] = set()  # employers in the register that got anything from the file
    for plan in plan_rows(job, today, include_possible_duplicates):
        counts[plan.action] += 1
        if plan.action == Action.INVALID:
            invalid.append([plan.reason, *plan.cells])
        if plan.action in (Action.INVALID, Action.UNCHANGED):
            continue
        row = plan.row
        if plan.action == Action.CREATE:
            new_employers.append(_employer_row(job.team_id, user.id, row.employer, now))
        elif plan.changes:
            employer_updates[plan.target] = {name: new for name, (_, new) in plan.changes.items()}
        if plan.new_person:
            new_persons.append((plan.target, row.person))
        if plan.person_changes:
            person_updates[plan.person_id] = {name: new for name, (_, new) in plan.person_changes.items()}
        if plan.new_contact:
            new_contacts.append((plan.target, plan.person_id, row.person, row.contact))
        if plan.target > 0:  # an employer already in the register: its history says what came in
            updated.add(plan.target)
            person = ({k: [None, v] for k, v in row.person.items()} if plan.new_person else plan.person_changes)
            history[plan.target].update(plan.changes, **{f"contact_person.{k}": v for k, v in person.items()})

    new_ids = _insert_employers(new_employers)

    def employer_id(target: int) -> int:
        return new_ids[-target - 1] if target < 0 else target

    _update_rows(Employer.__table__, employer_updates, now, user.id)
    _update_rows(ContactPerson.__table__, person_updates)
    person_ids = _insert_persons([(employer_id(target), person) for target, person in new_persons], now)
    _insert_contacts(job.team_id, user.id, now, [
        (employer_id(target), person_id or (person and person_ids.get((employer_id(target), person["name"].lower()))),
         contact) for target, person_id, person, contact in new_contacts])
    _insert_history(user.id, now, [(i, "imported", {}) for i in new_ids]
                    + [(i, "updated", changes) for i, changes in history.items() if changes])

    job.status, job.imported_at, job.raw = ImportStatus.IMPORTED, now, None
    job.created_count, job.updated_count = counts[Action.CREATE], len(updated)
    job.unchanged_count, job.invalid_count = counts[Action.UNCHANGED], counts[Action.INVALID]
    job.invalid_rows = write_csv(invalid, [str(_l("Error")), *job.headers]) if invalid else None
    db.session.flush()
    return counts


def _employer_row(team_id: int, user_id: int, values: dict, now: datetime) -> dict:
    row = {name: values.get(name) for name in EMPLOYER_FIELDS}
    row.update(team_id=team_id, name_key=values["name"].lower(), sector=Sector.PRIVATE, stage=Stage.PROSPECT,
               created_at=now, created_by_id=user_id, updated_at=now, updated_by_id=user_id, version=1)
    return row


def _insert_employers(rows: list[dict]) -> list[int]:
    if not rows:
        return []
    return list(db.session.scalars(insert(Employer).returning(Employer.id, sort_by_parameter_order=True), rows))


def _insert_persons(rows: list[tuple[int, dict]], now: datetime) -> dict[tuple[int, str], int]:
    """Insert contact persons; their ids by (employer id, lower-case name)."""
    if not rows:
        return {}
    params = [{"employer_id": employer_id, "name": p["name"], "role": p.get("role"), "phone": p.get("phone"),
               "email": p.get("email"), "is_decision_maker": False, "created_at": now} for employer_id, p in rows]
    ids = db.session.scalars(insert(ContactPerson).returning(ContactPerson.id, sort_by_parameter_order=True), params)
    return {(p["employer_id"], p["name"].lower()): i for p, i in zip(params, ids, strict=True)}


def _insert_contacts(team_id: int, author_id: int, now: datetime, rows: list[tuple[int, int | None, dict]]) -> None:
    if rows:
        db.session.execute(insert(EmployerContact), [
            {"team_id": team_id, "employer_id": employer_id, "author_id": author_id, "contact_person_id": person_id,
             "contacted_at": c["contacted_at"], "form": c["form"], "purpose": ContactPurpose.OTHER,
             "summary": c["summary"], "outcome": None, "created_at": now, "updated_at": now, "version": 1}
            for employer_id, person_id, c in rows])


def _update_rows(table, updates: dict[int, dict], now: datetime | None = None, user_id: int | None = None) -> None:
    """One executemany UPDATE per set of changed columns (employers also get who, when and a new version)."""
    groups: dict[frozenset, list[dict]] = defaultdict(list)
    for record_id, values in updates.items():
        if "name" in values and "name_key" in table.c:
            values = {**values, "name_key": values["name"].lower()}
        groups[frozenset(values)].append({"b_id": record_id, **{f"b_{k}": v for k, v in values.items()}})
    for names, params in groups.items():
        values = {name: bindparam(f"b_{name}") for name in names}
        if "version" in table.c:
            values.update(updated_at=now, updated_by_id=user_id, version=table.c.version + 1)
        db.session.execute(update(table).where(table.c.id == bindparam("b_id")).values(values), params)


def _insert_history(user_id: int, now: datetime, entries: list[tuple[int, str, dict]]) -> None:
    if entries:
        db.session.execute(insert(RecordChange), [
            {"entity_type": Employer.__tablename__, "entity_id": entity_id, "action": action, "changes": changes,
             "user_id": user_id, "changed_at": now} for entity_id, action, changes in entries])
