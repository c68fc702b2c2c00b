package io.kiln.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private static final List<String> FORBIDDEN = List.of(
            "127.0.0.1", "127.255.255.254", "::1",
            "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "fc00::1", "fd12:3456::1",
            "169.254.169.254", "169.254.0.1", "fe80::1", "febf::1",
            "fd00:ec2::254", "100.100.100.200", "192.0.0.192",
            "0.0.0.0", "0.1.2.3", "::",
            "224.0.0.1", "239.255.255.250", "ff02::1", "255.255.255.255", "240.0.0.1",
            "100.64.0.1", "100.127.255.255",
            "::127.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:a9fe:a9fe::",
            "::ffff:0:10.0.0.1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "64:ff9b:1::1");

    private static final List<String> PUBLIC = List.of(
            "8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255",
            "100.128.0.1", "192.167.255.255", "192.169.0.1", "169.253.255.255", "223.255.255.255",
            "2606:4700:4700::1111", "2a00:1450:4001::200e", "64:ff9b::808:808", "2002:808:808::1");

    @Test
    void strictPolicyRefusesEveryInternalAddress() {
        for (String address : FORBIDDEN) {
            assertThat(AddressPolicy.STRICT.refusal(address, ip(address))).as(address).isPresent();
        }
    }

    @Test
    void strictPolicyPermitsPublicAddresses() {
        for (String address : PUBLIC) {
            assertThat(AddressPolicy.STRICT.permits(address, ip(address))).as(address).isTrue();
        }
    }

    @Test
    void ipv4MappedIpv6FormsAreJudgedAsTheirIpv4Address() {
        for (String v4 : List.of("127.0.0.1", "10.0.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0")) {
            InetAddress mapped = mapped(v4);
            assertThat(mapped).isInstanceOf(Inet6Address.class);
            assertThat(AddressPolicy.STRICT.refusal("example.com", mapped)).as(v4).isPresent();
        }
        assertThat(AddressPolicy.STRICT.permits("example.com", mapped("8.8.8.8"))).isTrue();
        assertThat(AddressPolicy.parse("10.0.0.0/8").permits("x", mapped("10.2.3.4"))).isTrue();
    }

    @Test
    void refusalSaysWhatKindOfAddressItIs() {
        assertThat(AddressPolicy.STRICT.refusal("evil.example", ip("169.254.169.254")))
                .hasValue("evil.example (169.254.169.254) is a link-local address,"
                        + " which Kiln does not contact unless the server allow-lists it.");
        assertThat(AddressPolicy.STRICT.refusal("::", ip("::"))).get().asString()
                .startsWith(":: is an unspecified address");
    }

    @Test
    void metadataNamesAreRefusedWhateverTheyResolveTo() {
        for (String name : List.of("metadata.google.internal", "METADATA.Google.Internal.", "metadata.goog")) {
            assertThat(AddressPolicy.STRICT.nameRefusal(name)).as(name).isPresent();
            assertThat(AddressPolicy.STRICT.permits(name, ip("8.8.8.8"))).as(name).isFalse();
        }
        assertThat(AddressPolicy.STRICT.nameRefusal("example.com")).isEmpty();
        assertThat(AddressPolicy.parse("metadata.google.internal").nameRefusal("metadata.google.internal")).isEmpty();
    }

    @Test
    void allowListAdmitsNamesAddressesAndRanges() {
        AddressPolicy policy = AddressPolicy.parse(" localhost , 10.0.0.0/8,::1,169.254.169.254,fd00::/8,");

        assertThat(policy.permits("localhost", ip("127.0.0.1"))).isTrue();
        assertThat(policy.permits("LOCALHOST.", ip("127.0.0.1"))).isTrue();
        assertThat(policy.permits("10.200.0.1", ip("10.200.0.1"))).isTrue();
        assertThat(policy.permits("::1", ip("::1"))).isTrue();
        assertThat(policy.permits("[::1]", ip("::1"))).isTrue();
        assertThat(policy.permits("169.254.169.254", ip("169.254.169.254"))).isTrue();
        assertThat(policy.permits("x", ip("fd00::5"))).isTrue();

        assertThat(policy.permits("127.0.0.1", ip("127.0.0.1"))).as("allowed by name only").isFalse();
        assertThat(policy.permits("other", ip("169.254.169.253"))).isFalse();
        assertThat(policy.permits("other", ip("192.168.0.1"))).isFalse();
        assertThat(policy.permits("other", ip("fc00::1"))).isFalse();
        assertThat(policy).hasToString(
                "AddressPolicy[allow localhost,10.0.0.0/8,::1/128,169.254.169.254/32,fd00::/8]");
    }

    @Test
    void loopbackNamesAreRefusedByNameUnlessTheLoopbackRangeIsAllowed() {
        assertThat(AddressPolicy.STRICT.nameRefusal("localhost.")).hasValueSatisfying(
                reason -> assertThat(reason).contains("loopback name"));
        assertThat(AddressPolicy.STRICT.nameRefusal("foo.localhost")).isPresent();
        assertThat(AddressPolicy.parse("127.0.0.0/8").permits("localhost", ip("127.0.0.1"))).isTrue();
        assertThat(AddressPolicy.parse("::1").nameRefusal("ip6-localhost")).isEmpty();
        assertThat(AddressPolicy.parse("10.0.0.0/8").nameRefusal("localhost")).isPresent();
    }

    @Test
    void emptyListIsStrict() {
        AddressPolicy policy = AddressPolicy.parse("");
        assertThat(policy.permits("localhost", ip("127.0.0.1"))).isFalse();
        assertThat(policy).hasToString("AddressPolicy[strict]");
    }

    @Test
    void malformedEntriesAreRefusedWithAOneLineReason() {
        List<String> bad = List.of("10.0.0.0/33", "10.0.0.1/8", "::1/129", "fe80::1/10", "300.1.1.1",
                "10.0.0.0/x", "10.0.0.0/", "/8", "1.2.3", "010.0.0.1", "bad_host!", "a..b", "-a.example",
                "::g", "10.0.0.0/-1", "host name");
        for (String entry : bad) {
            assertThatThrownBy(() -> AddressPolicy.parse("localhost," + entry)).as(entry)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + entry.strip() + "'")
                    .hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> AddressPolicy.parse("10.0.0.1/8"))
                .hasMessageContaining("did you mean 10.0.0.0/8");
    }

    @Test
    void formatsAddressesInTheirShortForm() {
        assertThat(IpLiterals.format(ip("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
        assertThat(IpLiterals.format(ip("::"))).isEqualTo("::");
        assertThat(IpLiterals.format(ip("fe80:0:0:0:1:0:0:1"))).isEqualTo("fe80::1:0:0:1");
        assertThat(IpLiterals.format(ip("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(IpLiterals.format(ip("1:0:0:2:0:0:0:3"))).isEqualTo("1:0:0:2::3");
        assertThat(IpLiterals.format(ip("1:2:3:4:5:6:7:0"))).isEqualTo("1:2:3:4:5:6:7:0");
        assertThat(IpLiterals.format(ip("1:2:3:4:5:6:0:0"))).isEqualTo("1:2:3:4:5:6::");
        assertThat(IpLiterals.format(mapped("10.1.2.3"))).isEqualTo("10.1.2.3");
    }

    private static InetAddress ip(String literal) {
        return IpLiterals.parse(literal).orElseThrow(() -> new AssertionError("not a literal: " + literal));
    }

    private static InetAddress mapped(String v4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(ip(v4).getAddress(), 0, bytes, 12, 4);
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
