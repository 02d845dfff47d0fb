package dev.stratus.platform.input;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A name or an id of a request type: no control character at all, not even TAB, LF or CR (see
 * {@link ControlCharacters}); null is valid (say {@code @NotNull} or check it where it is required).
 */
@Pattern(regexp = ControlCharacters.ONE_LINE, message = ControlCharacters.ONE_LINE_MESSAGE)
@Constraint(validatedBy = {})
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.ANNOTATION_TYPE})
public @interface OneLine {
    String message() default ControlCharacters.ONE_LINE_MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
