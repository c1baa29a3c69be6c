package io.seatwarden.state;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Runs a store's methods with the calling thread's interrupt flag cleared, and sets it again
 * afterwards. H2 closes its database file for the whole process when a thread with the flag set
 * writes to it (the interruptible file channel closes), and a thread that was interrupted is
 * exactly the one that records "run interrupted": the record must go in and the database stay
 * open. An interrupt arriving while the write is under way can still close it; callers that
 * stop runs by interrupting should not interrupt a thread inside the store.
 */
final class InterruptDeferring {
    private InterruptDeferring() {}

    static <T> T wrap(Class<T> type, T target) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, arguments) -> {
            boolean interrupted = Thread.interrupted();
            try {
                return method.invoke(target, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        return type.cast(proxy);
    }
}
