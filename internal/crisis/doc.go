// Package crisis is the crisis record and its rules: crises, members and
// their capabilities, crisis roles, tasks, the hash-chained crisis log,
// indicators of compromise, evidence, services, facts and the audit trail.
//
// It knows nothing of Discord, of the console or of SQLite: it declares the
// small interfaces it needs (Store, Tx, Planner) and every front end reaches
// it through the command table. One command is one Op, run inside one
// transaction: it happens entirely or not at all.
package crisis
