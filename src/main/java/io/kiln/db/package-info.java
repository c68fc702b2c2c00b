/**
 * The relational database: a pooled {@link javax.sql.DataSource} for H2 (embedded) or PostgreSQL
 * (cluster), migrated at start by Flyway from one set of SQL files both accept.
 */
package io.kiln.db;
