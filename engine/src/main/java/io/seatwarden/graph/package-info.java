/**
 * The Graph room: the only package that imports the Microsoft Graph SDK, Kiota or azure-identity.
 * It holds the client factories, credentials and endpoint rules, the directory reader (behind
 * {@link io.seatwarden.directory.DirectoryReader}) and the license writer (behind
 * {@link io.seatwarden.reconcile.LicenseWriter}), their retry and pacing, and the translation of
 * Graph's errors into the engine's own terms. No SDK type leaves this package.
 */
package io.seatwarden.graph;
