package dev.stratus.network.model;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network range in CIDR notation, with no host bits set ({@code 10.0.0.0/24}, {@code fd00::/64}).
 * Parsing never touches DNS: only literal addresses are accepted.
 */
public record Cidr(InetAddress network, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** The range, or empty when {@code text} is not a CIDR without host bits. */
    public static Optional<Cidr> parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String address = text.substring(0, slash);
        String prefixText = text.substring(slash + 1);
        if (!(IPV4.matcher(address).matches() || IPV6.matcher(address).matches()) || !prefixText.matches("\\d{1,3}")) {
            return Optional.empty();
        }
        InetAddress network;
        try {
            network = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        int bits = network.getAddress().length * 8;
        int prefix = Integer.parseInt(prefixText);
        if (prefix > bits || hostBits(network, prefix).signum() != 0) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(network, prefix));
    }

    private static BigInteger hostBits(InetAddress address, int prefix) {
        int bits = address.getAddress().length * 8;
        BigInteger value = new BigInteger(1, address.getAddress());
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        return value.and(hostMask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
