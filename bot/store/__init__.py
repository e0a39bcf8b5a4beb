"""The store: state that must survive restarts and be shared by every process - exactly-once claims,
digest claims, the outbox, the usage log - behind one interface (base.Store) over SQLAlchemy Core.

    base.py      the interface (Store), its records and StoreUnavailable
    sql.py       SqlStore: the one implementation, SQLite or PostgreSQL
    dialect.py   everything that differs between the two databases
    tables.py    the newest schema; migrations.py: the versions and `upgrade`
    startup.py   open_store(settings): one clear line for every start-up problem
    claims.py, usage.py, outbox.py, state.py: what the Slack app uses, each degrading when the database is away
"""
