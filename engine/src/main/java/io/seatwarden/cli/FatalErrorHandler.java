package io.seatwarden.cli;

import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.file.TenantFileException;
import picocli.CommandLine;

/**
 * The one place that catches what a command threw: known failures print one line, running out of
 * memory says how to give the JVM more, anything else prints its stack trace (an engine bug). All exit 1.
 */
final class FatalErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError outOfMemory) { // thrown in a worker thread, handed over wrapped
                return outOfMemory(outOfMemory);
            }
        }
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

    /** What to do about it, not a stack trace: the heap is a setting of the JVM, not of the engine. */
    static int outOfMemory(OutOfMemoryError error) {
        long maxMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        System.err.println("error: the JVM ran out of memory (" + error.getMessage() + ") with a maximum heap of "
                + maxMiB + " MiB. Give it more: java -Xmx4g -jar seatwarden.jar ..., or set JAVA_TOOL_OPTIONS=-Xmx4g"
                + " (a 1,000,000-user tenant needs about 3 GiB).");
        return ExitCode.ERROR.code();
    }
}
