package org.fundraising.platform;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of a request record that holds a Twenty id. It applies to the record's field only: a constraint that
 * also reached the accessor and the constructor (as {@code @Pattern} on a record component does) would have
 * Hibernate Validator build their metadata at start-up too, about 20 ms a record.
 */
@Documented
@Pattern(regexp = Ids.UUID_REGEX)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Uuid {

    String message() default Ids.NOT_UUID;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
