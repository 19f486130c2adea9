package org.fundraising.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource class whose routes answer without a caller token: health, the embedded emulator (which checks
 * its own key, as Twenty does) and its sign-in page. Every other route needs a token: deny by default.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OpenRoute {

    /** Why the route is open, for whoever reads the code. */
    String value();
}
