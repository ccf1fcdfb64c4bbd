"""Platform core: the pieces every domain app builds on that depend on the scoping layer
(`accounts.scoping`): the one write kernel and audit helper (`records.py`) and the back-office
CRUD engine (`crud.py`). `common/` stays free of any dependency on `accounts`."""
