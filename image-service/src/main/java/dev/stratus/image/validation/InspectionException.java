package dev.stratus.image.validation;

/** qemu-img could not read uploaded data, or the data is not acceptable; the message says why. */
public class InspectionException extends RuntimeException {
    public InspectionException(String message) {
        super(message);
    }
}
