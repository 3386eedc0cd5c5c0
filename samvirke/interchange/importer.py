"""Import a register file: every record is checked, and all of it is stored or none.

A record is matched to an existing one by its natural key and updated only where
a field differs, so loading the same file twice changes nothing and leaves no
history behind.

Nothing a person entered is lost by a command: records and list items that are in
the register but not in the file are kept (and counted) unless the caller asks to
retire them (``remove=True``), and then a publishable item is unpublished, any other
is deleted with its history row kept. With ``update=False`` (how ``load`` runs) a
record that differs from the file is left as it is and the difference reported.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from samvirke.access.audit import channel_user, with_channel
from samvirke.interchange import values
from samvirke.interchange.bulk import create_with_history
from samvirke.interchange.schema import ENTITIES, NATURAL_KEYS, Child, Entity, Field
from samvirke.lib.fields import Publishable
from samvirke.portal.version import register_changed

MAX_PROBLEMS = 200
BATCH_SIZE = 500


# Bounds checked before a file's records are built (issue 13, rows 10 and 14): a file
# larger than this is refused unread; nesting deeper than any register record needs, or
# YAML aliases that would expand the document by more than MAX_ALIAS_NODES, are refused
# while the file is parsed and before any value is constructed.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32
MAX_ALIAS_NODES = 100_000
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_LONG_NUMBER = re.compile(r"\d{" + str(sys.get_int_max_str_digits() + 1) + ",}")


class _Bounds(Exception):
    """A file breaks one of the bounds above; ``message`` says which, ``line`` where."""

    def __init__(self, message: str, line: int | None = None):
        self.message, self.line = message, line
        super().__init__(message)


class _YamlLoader(yaml.SafeLoader):
    """Safe YAML that keeps dates as the text written, so a bad date is reported, not raised.

    Nesting depth and alias expansion are bounded while the document is composed, before
    any Python object is built, so an alias bomb or a deep nest costs no memory.
    """

    _depth = 0
    _aliases_seen = False

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases_seen = True
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise _Bounds(
                    _("nested deeper than %d levels") % MAX_DEPTH, mark.line + 1 if mark else None
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def get_single_node(self):
        node = super().get_single_node()
        if node is not None and self._aliases_seen:
            own, expanded = _yaml_sizes(node)
            if expanded - own > MAX_ALIAS_NODES:
                raise _Bounds(
                    _("its aliases (*name) would expand it by more than %d values")
                    % MAX_ALIAS_NODES
                )
        return node


def _yaml_sizes(root: yaml.Node) -> tuple[int, int]:
    """(nodes written, nodes after expanding aliases) of a composed YAML document."""
    expanded: dict[int, int] = {}
    seen: set[int] = set()
    own = 0

    def size(node: yaml.Node) -> int:
        nonlocal own
        key = id(node)
        if key in expanded:
            return expanded[key]
        if key not in seen:
            seen.add(key)
            own += 1
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(item) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        expanded[key] = total
        return total

    return own, size(root)


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _nul_problems(name: str, data: object) -> list[Problem]:
    """A problem for every key or text of a document that holds a NUL character."""
    found, stack = [], [("", "", data)]
    while stack:
        where, key, item = stack.pop()
        if isinstance(item, str) and "\x00" in item:
            found.append(Problem(name, where, key, _("holds a NUL character, which no text may")))
        elif isinstance(item, dict):
            for k, v in item.items():
                if "\x00" in str(k):
                    found.append(
                        Problem(name, where, "", _("holds a NUL character, which no text may"))
                    )
                stack.append((where, str(k).replace("\x00", "\\u0000"), v))
        elif isinstance(item, list):
            label = f"{where} / {key}" if where and key else where or key
            stack.extend((f"{label}[{n + 1}]", "", v) for n, v in enumerate(item))
    return sorted(found, key=str)


def _check_text(text: str) -> None:
    """Refuse, before parsing, what no register file holds: NUL characters, numbers
    longer than Python reads, JSON nested deeper than MAX_DEPTH."""
    nul = text.find("\x00")
    if nul >= 0:
        raise _Bounds(_("holds a NUL character; a register file is text"), _line_at(text, nul))
    long_number = _LONG_NUMBER.search(text)
    if long_number:
        raise _Bounds(
            _("holds a number of %(digits)d digits; at most %(limit)d can be read")
            % {"digits": len(long_number.group()), "limit": sys.get_int_max_str_digits()},
            _line_at(text, long_number.start()),
        )


def _check_json_depth(text: str) -> None:
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _Bounds(
                    _("nested deeper than %d levels") % MAX_DEPTH, _line_at(text, token.start())
                )
        elif char in "]}":
            depth -= 1


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


@dataclass(frozen=True)
class Problem:
    file: str
    where: str
    field: str
    message: str

    def __str__(self) -> str:
        if self.field:
            return _("%(file)s: %(where)s, field “%(field)s”: %(message)s") % vars(self)
        if self.where:
            return _("%(file)s: %(where)s: %(message)s") % vars(self)
        return f"{self.file}: {self.message}"


class RegisterFileError(Exception):
    """The files cannot be imported; nothing was stored."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    kept: int = 0
    not_in_file: int = 0
    differences: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = _(
            "%(created)d new, %(updated)d changed, %(unchanged)d unchanged, %(removed)d removed"
        ) % vars(self)
        if self.kept or self.not_in_file:
            text += "; " + _(
                "%(kept)d differ from the file and were kept as they are, "
                "%(not_in_file)d not in the file were kept"
            ) % {"kept": self.kept, "not_in_file": self.not_in_file}
        return text


def read_documents(paths: list[Path]) -> list[tuple[str, object]]:
    """Parse YAML or JSON files (by suffix); a syntax error names file and line."""
    documents, problems = [], []
    for path in paths:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise _Bounds(
                    _("is %(size)d MB; a register file may be at most %(limit)d MB")
                    % {"size": size // 2**20, "limit": MAX_FILE_BYTES // 2**20}
                )
            text = path.read_text(encoding="utf-8")
            _check_text(text)
            if path.suffix.lower() == ".json":
                _check_json_depth(text)
                documents.append((path.name, json.loads(text)))
            else:
                documents.append((path.name, yaml.load(text, Loader=_YamlLoader)))  # noqa: S506
        except _Bounds as exc:
            where = _("line %d") % exc.line if exc.line else ""
            problems.append(Problem(path.name, where, "", exc.message))
        except RecursionError:
            problems.append(Problem(path.name, "", "", _("is too deeply nested or too large")))
        except OSError as exc:
            problems.append(Problem(str(path), "", "", _("cannot be read: %s") % exc.strerror))
        except UnicodeDecodeError:
            problems.append(Problem(path.name, "", "", _("is not UTF-8 text")))
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(path.name, _("line %d") % exc.lineno, "", _("not valid JSON: %s") % exc.msg)
            )
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = _("line %d") % (mark.line + 1) if mark else ""
            problems.append(
                Problem(
                    path.name, where, "", _("not valid YAML: %s") % getattr(exc, "problem", exc)
                )
            )
    if problems:
        raise RegisterFileError(problems)
    return documents


def import_documents(
    documents: list[tuple[str, object]],
    *,
    reason: str,
    update: bool = True,
    remove: bool = False,
) -> ImportResult:
    """Store the records of parsed documents in one transaction, or raise RegisterFileError.

    ``update=False``: existing records are never changed, only reported where they differ.
    ``remove=True``: list items not in the file are retired (unpublished, or deleted with
    their history kept); otherwise they are kept and counted.
    """
    # escaped NULs ("\u0000" in JSON, "\0" in YAML) survive the check of the raw text:
    # refused before any lookup, as PostgreSQL cannot even compare text holding a NUL
    nul = [problem for name, data in documents for problem in _nul_problems(name, data)]
    if nul:
        raise RegisterFileError(nul[:MAX_PROBLEMS])
    run = _Import(reason, update=update, remove=remove)
    with transaction.atomic():
        run.documents(documents)
        if run.problems:
            raise RegisterFileError(run.problems)
        if run.result.created or run.result.updated or run.result.removed:
            register_changed()  # bulk writes send no signals: cached public pages must go
    return run.result


def import_files(
    paths: list[Path], *, reason: str, update: bool = True, remove: bool = False
) -> ImportResult:
    return import_documents(read_documents(paths), reason=reason, update=update, remove=remove)


@dataclass
class _Import:
    reason: str
    update: bool = True
    remove: bool = False
    problems: list[Problem] = field(default_factory=list)
    result: ImportResult = field(default_factory=ImportResult)
    _keys: dict[type[models.Model], dict[str, int]] = field(default_factory=dict)
    _file: str = ""

    def documents(self, documents: list[tuple[str, object]]) -> None:
        known = {entity.key for entity in ENTITIES}
        for name, doc in documents:
            if not isinstance(doc, dict):
                self._problem("", "", _("the file must hold a mapping of record lists"), name)
                continue
            for key in doc:
                if key not in known:
                    self._problem("", "", _("unknown section “%s”") % key, name)
        for entity in ENTITIES:
            sections = [
                (name, doc[entity.key])
                for name, doc in documents
                if isinstance(doc, dict) and doc.get(entity.key) is not None
            ]
            if sections:
                self._entity(entity, sections)

    def _entity(self, entity: Entity, sections: list[tuple[str, object]]) -> None:
        """Check every record of one kind in memory, then write them in bulk, then their
        lists. Existing rows are read once per table, never once per record."""
        model = entity.model
        key_attrs = [_attname(model, a) for a in entity.natural_key]
        rows = list(model._default_manager.all())
        existing = {tuple(getattr(obj, a) for a in key_attrs): obj for obj in rows}
        batch = _Batch(model, rows)
        parents: list[tuple[models.Model | None, dict, str, str]] = []
        seen: set[tuple] = set()
        for name, records in sections:
            self._file = name
            if not isinstance(records, list):
                self._problem(entity.key, "", _("must be a list of records"))
                continue
            record_no = _("%(label)s no. %(index)d")  # translated once, not once a record
            for index, record in enumerate(records, 1):
                where = record_no % {"label": entity.label, "index": index}
                if not isinstance(record, dict):
                    self._problem(where, "", _("must be a mapping of fields"))
                    continue
                key_text = "/".join(
                    str(record.get(f))
                    for f in entity.natural_key
                    if not f == "order" or "order" in record
                )
                where = f"{where} «{key_text}»"
                if not self._known_keys(entity.fields, entity.children, record, where):
                    continue
                parsed, failed = self._values(model, entity.fields, record, where)
                identity = tuple(parsed.get(a) for a in key_attrs)
                if not failed and identity in seen:
                    self._problem(where, "", _("appears more than once"))
                    continue
                seen.add(identity)
                obj = (None if failed else existing.get(identity)) or model()
                staged = self._stage(obj, parsed, failed, entity.fields, where, batch)
                parents.append((obj if staged else None, record, where, name))
        self._write(batch)
        for child in entity.children:
            self._child_lists(child, parents)

    def _child_lists(
        self, child: Child, parents: list[tuple[models.Model | None, dict, str, str]]
    ) -> None:
        parent_field = child.model._meta.get_field(child.parent_attr)
        rows = list(child.model._default_manager.all())  # one read; unique sets span parents
        by_parent: dict[int, dict[tuple, models.Model]] = defaultdict(dict)
        for obj in rows:
            by_parent[getattr(obj, parent_field.attname)][self._identity(child, obj, None)] = obj
        batch = _Batch(child.model, rows)
        for parent, record, where, name in parents:
            self._file = name
            if parent is not None and parent.pk is None:
                parent = None  # refused for a unique set: its items are only checked
            existing = by_parent.get(parent.pk, {}) if parent is not None else {}
            self._children(child, parent, record.get(child.key), where, existing, batch)
        self._write(batch)

    def _children(
        self,
        child: Child,
        parent: models.Model | None,
        items: object,
        where: str,
        existing: dict[tuple, models.Model],
        batch: _Batch,
    ) -> None:
        """Sync a record's list; with no (valid) parent, only check the items."""
        items = [] if items is None else items
        if not isinstance(items, list):
            self._problem(where, child.key, _("must be a list"))
            return
        kept: set[tuple] = set()
        item_no = _("%(where)s, %(label)s no. %(index)d")
        for position, item in enumerate(items, 1):
            item_where = item_no % {
                "where": where,
                "label": child.label,
                "index": position,
            }
            if child.flat:
                item = {child.fields[0].key: item}
            if not isinstance(item, dict):
                self._problem(item_where, "", _("must be a mapping of fields"))
                continue
            if not self._known_keys(child.fields, (), item, item_where):
                continue
            parsed, failed = self._values(child.model, child.fields, item, item_where)
            if not child.identity:
                parsed["order"] = position
            if parent is None:
                failed = failed | {child.parent_attr}
            identity = self._identity(child, None, parsed)
            if not failed and identity in kept:
                self._problem(item_where, "", _("appears more than once"))
                continue
            kept.add(identity)
            obj = existing.get(identity) or child.model(**{child.parent_attr: parent})
            self._stage(obj, parsed, failed, child.fields, item_where, batch)
        for identity, obj in existing.items():
            if identity not in kept:
                self._not_in_file(obj)

    def _not_in_file(self, obj: models.Model) -> None:
        """An item the file no longer lists: kept, or retired when the caller asked."""
        if not self.remove:
            self.result.not_in_file += 1
            return
        obj._change_reason = self.reason  # type: ignore[attr-defined]
        if isinstance(obj, Publishable):
            if obj.is_published:
                obj.is_published = False
                obj.save(update_fields=["is_published"])
                self.result.removed += 1
            else:
                self.result.not_in_file += 1
            return
        obj.delete()  # the history keeps a deletion row with every field
        self.result.removed += 1

    @staticmethod
    def _identity(child: Child, obj: models.Model | None, parsed: dict | None) -> tuple:
        attrs = [_attname(child.model, a) for a in child.identity] or ["order"]
        if obj is not None:
            return tuple(getattr(obj, a) for a in attrs)
        return tuple(parsed[a] for a in attrs)

    def _known_keys(self, fields, children, record: dict, where: str) -> bool:
        allowed = {f.key for f in fields} | {c.key for c in children}
        unknown = [str(k) for k in record if k not in allowed]
        for key in unknown:
            self._problem(where, key, _("unknown field"))
        return not unknown

    def _values(
        self, model, fields: tuple[Field, ...], record: dict, where: str
    ) -> tuple[dict, set[str]]:
        """Model values by attribute name, and the fields that already have a problem."""
        parsed, failed = {}, set()
        for spec in fields:
            raw = record.get(spec.key)
            attname = _attname(model, spec.model_attr)
            if raw is None or raw == "":
                if spec.required:
                    self._problem(where, spec.key, _("is required but missing"))
                    failed.add(spec.model_attr)
                parsed[attname] = _default(model, spec)
                continue
            try:
                value = values.to_model(spec, raw)
                if spec.kind == "ref":
                    value = self._resolve(spec, value, where)
            except values.ValueProblem as exc:
                self._problem(where, spec.key, str(exc))
                value = None
            if value is None:
                failed.add(spec.model_attr)
                parsed[attname] = _default(model, spec)
            else:
                parsed[attname] = value
        return parsed, failed

    def _resolve(self, spec: Field, key: str, where: str) -> int:
        if spec.ref not in self._keys:
            key_attr = NATURAL_KEYS[spec.ref]
            self._keys[spec.ref] = dict(spec.ref._default_manager.values_list(key_attr, "pk"))
        pk = self._keys[spec.ref].get(key)
        if pk is None:
            raise values.ValueProblem(
                _("unknown %(label)s “%(key)s”")
                % {"label": spec.ref._meta.verbose_name, "key": key}
            )
        return pk

    def _stage(
        self, obj: models.Model, parsed: dict, failed: set[str], fields, where: str, batch: _Batch
    ) -> bool:
        """Check one record in memory and stage it for writing; with failed fields, only
        report the other problems. False when it will not be stored."""
        is_new = obj._state.adding
        changed = [a for a, v in parsed.items() if getattr(obj, a) != v]
        if not is_new and not changed and not failed:
            self.result.unchanged += 1
            return True
        if not is_new and not self.update:
            if not failed:
                self.result.kept += 1
                if len(self.result.differences) < MAX_PROBLEMS:
                    by_attr = {_attname(type(obj), s.model_attr): s.key for s in fields}
                    names = ", ".join(by_attr.get(a, a) for a in changed)
                    self.result.differences.append(
                        _("%(file)s: %(where)s differs in: %(fields)s")
                        % {"file": self._file, "where": where, "fields": names}
                    )
            return not failed
        for attr in changed:
            setattr(obj, attr, parsed[attr])
        try:
            _clean(obj, failed)
        except ValidationError as exc:
            self._validation_problems(exc, fields, where)
            return False
        if failed:
            return False
        batch.stage(obj, is_new, changed, (self._file, where, fields))
        return True

    def _write(self, batch: _Batch) -> None:
        """Check the unique sets over the table as it will be, then write in bulk, each
        row with its history row."""
        for obj, fields_key, message in batch.unique_problems():
            file, where, fields = batch.origin[id(obj)]
            self._problem(where, fields_key and _key_of(fields, fields_key), message, file)
        reason = with_channel(self.reason)
        user = channel_user()
        if batch.new:
            create_with_history(batch.new, batch.model, change_reason=reason, user=user)
            self.result.created += len(batch.new)
        if batch.changed:
            bulk_update_with_history(
                batch.changed,
                batch.model,
                sorted(batch.changed_fields),
                batch_size=BATCH_SIZE,
                default_change_reason=reason,
                default_user=user,
            )
            self.result.updated += len(batch.changed)
        model = batch.model
        if model in self._keys:
            for obj in batch.new:
                self._keys[model][getattr(obj, NATURAL_KEYS[model])] = obj.pk

    def _validation_problems(self, exc: ValidationError, fields, where: str) -> None:
        by_attr = {spec.model_attr: spec.key for spec in fields}
        for attr, messages in exc.message_dict.items():
            key = "" if attr == NON_FIELD_ERRORS else by_attr.get(attr, attr)
            for message in messages:
                self._problem(where, key, message)

    def _problem(self, where: str, field_key: str, message: str, file: str = "") -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(file or self._file, where, field_key, message))


class _Batch:
    """One table's staged rows: new and changed, where each came from, and the table's
    other rows, for the unique checks over the table as it will be."""

    def __init__(self, model, rows: list[models.Model]):
        self.model = model
        self.rows = rows
        self.new: list[models.Model] = []
        self.changed: list[models.Model] = []
        self.changed_fields: set[str] = set()
        self.origin: dict[int, tuple[str, str, tuple]] = {}

    def stage(self, obj: models.Model, is_new: bool, changed: list[str], origin) -> None:
        (self.new if is_new else self.changed).append(obj)
        if not is_new:
            self.changed_fields.update(changed)
        self.origin[id(obj)] = origin

    def unique_problems(self) -> list[tuple[models.Model, str, str]]:
        """(staged row, field or "", message) for each unique set two rows would share;
        the staged row is withdrawn."""
        sets = _unique_sets(self.model)
        if not sets or not (self.new or self.changed):
            return []
        staged = [*self.new, *self.changed]
        staged_ids = {id(obj) for obj in staged}
        staged_pks = {obj.pk for obj in self.changed}
        rest = [obj for obj in self.rows if id(obj) not in staged_ids and obj.pk not in staged_pks]
        problems, withdrawn = [], set()
        for names, attnames in sets:
            owner: dict[tuple, models.Model] = {}
            for obj in [*staged, *rest]:
                if id(obj) in withdrawn:
                    continue
                key = tuple(getattr(obj, a) for a in attnames)
                if None in key:
                    continue
                first = owner.setdefault(key, obj)
                if first is obj:
                    continue
                culprit = obj if id(obj) in staged_ids else first
                if id(culprit) not in staged_ids:
                    continue  # two stored rows: not this import's doing
                message = culprit.unique_error_message(self.model, names).messages[0]
                problems.append((culprit, names[0] if len(names) == 1 else "", message))
                withdrawn.add(id(culprit))
        if withdrawn:
            self.new = [o for o in self.new if id(o) not in withdrawn]
            self.changed = [o for o in self.changed if id(o) not in withdrawn]
        return problems


def _unique_sets(model) -> list[tuple[tuple[str, ...], list[str]]]:
    """Each unique set of a model (field names, column attributes), the primary key aside."""
    meta = model._meta
    sets = [(f.name,) for f in meta.local_concrete_fields if f.unique and not f.primary_key]
    sets += [tuple(names) for names in meta.unique_together]
    sets += [tuple(c.fields) for c in meta.total_unique_constraints]
    return [(names, [meta.get_field(n).attname for n in names]) for names in dict.fromkeys(sets)]


def _clean(obj: models.Model, failed: set[str]) -> None:
    """full_clean without its queries: references were resolved by natural key (so they
    exist) and unique sets are checked over the whole batch; check constraints still
    ask the database (three small tables have them)."""
    meta = obj._meta
    foreign = {f.name for f in meta.concrete_fields if f.is_relation}
    errors: dict = {}
    for name in foreign - failed:
        model_field = meta.get_field(name)
        if getattr(obj, model_field.attname) is None and not model_field.null:
            errors[name] = [model_field.error_messages["null"]]
    try:
        obj.clean_fields(exclude=failed | foreign)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    try:
        obj.clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if not failed and not errors:
        for constraint in meta.constraints:
            if isinstance(constraint, models.CheckConstraint):
                try:
                    constraint.validate(type(obj), obj)
                except ValidationError as exc:
                    errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _key_of(fields, name: str) -> str:
    return next((spec.key for spec in fields if spec.model_attr == name), name)


@cache
def _attname(model, attr: str) -> str:
    """The column attribute: ``host_id`` for the foreign key ``host``."""
    return model._meta.get_field(attr).attname


def _default(model, spec: Field) -> object:
    model_field = model._meta.get_field(spec.model_attr)
    if model_field.null:
        return None
    if model_field.has_default():
        return model_field.get_default()
    return "" if spec.kind in {"text", "date"} else None
