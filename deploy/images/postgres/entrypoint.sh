#!/bin/sh
# First start: a cluster owned by $POSTGRES_USER with its password, and the database
# $POSTGRES_DB. Then the server, as the postgres user.
set -eu
mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    password=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" > "$password"
    chown postgres "$password"
    runuser -u postgres -- initdb -U "$POSTGRES_USER" --pwfile="$password" \
        --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm "$password"
    # Other containers connect from their own addresses, with the password.
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    echo "CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\"" \
        | runuser -u postgres -- postgres --single -D "$PGDATA" postgres >/dev/null
fi
exec runuser -u postgres -- "$@"
