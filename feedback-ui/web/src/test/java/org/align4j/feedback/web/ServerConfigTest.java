package org.align4j.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void aPublicOriginIsNormalisedToSchemeHostAndPort() {
        assertThat(ServerConfig.normaliseOrigin("HTTPS://Feedback.Example.org:443/")).isEqualTo("https://feedback.example.org");
        assertThat(ServerConfig.normaliseOrigin("http://10.1.2.3:8443")).isEqualTo("http://10.1.2.3:8443");
        assertThat(ServerConfig.loopback().withPublicOrigin("https://a.example").publicOrigin()).contains("https://a.example");
    }

    @Test
    void anythingButAnOriginIsRefusedWithTheReason() {
        assertThatThrownBy(() -> ServerConfig.normaliseOrigin("feedback.example.org"))
                .hasMessageContaining("must start with https://");
        assertThatThrownBy(() -> ServerConfig.normaliseOrigin("https://feedback.example.org/app"))
                .hasMessageContaining("more than a scheme, host and port");
        assertThatThrownBy(() -> ServerConfig.normaliseOrigin("https://user@feedback.example.org"))
                .hasMessageContaining("more than a scheme, host and port");
        assertThatThrownBy(() -> ServerConfig.loopback().withTrustedProxies(Set.of("10.0.0.0/8")))
                .hasMessageContaining("not an address");
    }

    @Test
    void theClientAddressComesFromForwardedForOnlyWhenThePeerIsATrustedProxy() {
        Set<String> proxies = Set.of("10.0.0.5", "10.0.0.6");
        assertThat(OriginCheck.clientAddress("203.0.113.9", "198.51.100.1", proxies)).isEqualTo("203.0.113.9");
        assertThat(OriginCheck.clientAddress("10.0.0.5", null, proxies)).isEqualTo("10.0.0.5");
        assertThat(OriginCheck.clientAddress("10.0.0.5", "1.2.3.4, 198.51.100.1, 10.0.0.6", proxies)).isEqualTo("198.51.100.1");
        assertThat(OriginCheck.clientAddress("10.0.0.5", "10.0.0.6", proxies)).isEqualTo("10.0.0.5");
    }
}
