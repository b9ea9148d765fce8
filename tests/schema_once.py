"""One schema for a whole test run, emptied after each use: every test still starts on an
empty database (as create_all leaves it), without paying create_all and drop_all each time.

On PostgreSQL those two cost about a quarter of a second per test, a third of the suite;
emptying some forty tables costs a few milliseconds. A test that drops tables itself (the
migration tests) makes the emptying fail: the schema is then dropped and built again for
the next test.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal, select
from sqlalchemy.exc import SQLAlchemyError

from preuves.extensions import db


class SchemaOnce:
    """The schema of one database, built at first use (inside an app context)."""

    def __init__(self) -> None:
        self.initial: dict[str, list[dict[str, Any]]] | None = None  # rows create_all made

    def ready(self) -> None:
        """Make sure the schema is there and empty."""
        if self.initial is not None and self._still_there():
            return
        db.drop_all()
        db.create_all()
        tables = db.metadata.sorted_tables
        self.initial = {
            t.name: [r._asdict() for r in db.session.execute(t.select())] for t in tables
        }
        db.session.commit()

    def _still_there(self) -> bool:
        # Another fixture on the same database (schemathesis's, the stateful test's) may
        # have dropped it since: its first and last tables tell.
        tables = db.metadata.sorted_tables
        try:
            for table in (tables[0], tables[-1]):
                db.session.execute(select(literal(1)).select_from(table).limit(1))
        except SQLAlchemyError:
            return False
        finally:
            db.session.rollback()  # no lock held: a test may drop the tables itself
        return True

    def empty(self) -> None:
        """Delete every row, then put back what create_all made (the sync clock's row)."""
        db.session.remove()
        if self.initial is None:
            return
        tables = db.metadata.sorted_tables
        try:
            with db.engine.begin() as connection:
                for table in reversed(tables):
                    connection.execute(table.delete())
                for table in tables:
                    if rows := self.initial.get(table.name):
                        connection.execute(table.insert(), rows)
        except SQLAlchemyError:  # a table was dropped or changed: build it all again
            self.initial = None
            db.drop_all()

    def drop(self) -> None:
        """Drop the schema (the end of the run)."""
        db.session.remove()
        db.drop_all()
        self.initial = None
