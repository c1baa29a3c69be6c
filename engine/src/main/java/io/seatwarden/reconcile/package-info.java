/**
 * The one pipeline: {@link io.seatwarden.reconcile.ReconcileRun} is what {@code plan} (its dry run),
 * {@code apply}, {@code undo} and the scheduled run (its wet runs) all call. It owns the order
 * lease, read, plan, guard, apply, record, and the ports the Graph room implements
 * ({@link io.seatwarden.reconcile.LicenseWriter}; the reader's port is
 * {@link io.seatwarden.directory.DirectoryReader}).
 */
package io.seatwarden.reconcile;
