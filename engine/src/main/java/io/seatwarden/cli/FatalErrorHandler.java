package io.seatwarden.cli;

import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.file.TenantFileException;
import picocli.CommandLine;

/**
 * The one place that catches what a command threw: known failures print one line, anything else
 * prints its stack trace (an engine bug). Both exit 1.
 */
final class FatalErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (exception instanceof UserFacingException
                || exception instanceof TenantFileException
                || exception instanceof DirectoryReadException) {
            System.err.println("error: " + exception.getMessage());
        } else {
            System.err.println("internal error (please report it):");
            exception.printStackTrace(System.err);
        }
        return ExitCode.ERROR.code();
    }
}
