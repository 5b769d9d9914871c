import Foundation
import Testing
@testable import UnsentCore

/// Help lines by region from `Content/safety/resources`.
@Suite struct SafetyResourcesTests {
    @Test func everyRegionHasTheThreeKindsOfHelp() throws {
        let resources = try SafetySupport.resources()
        #expect(Set(resources.regionCodes).isSuperset(of: ["us", "uk", "ca", "au", "ie", "nz"]))
        for code in resources.regionCodes {
            let region = try #require(resources.region(code))
            let kinds = Set(region.entries.map(\.kind))
            #expect(kinds.isSuperset(of: [.emergency, .crisis, .abuse]), "\(code)")
            for entry in region.entries {
                // The days the facts were last checked against their sources.
                #expect(["2026-11-23", "2026-12-07"].contains(entry.checked), "\(code) \(entry.name)")
                #expect(!entry.source.isEmpty, "\(code) \(entry.name)")
                #expect(!entry.organisation.isEmpty, "\(code) \(entry.name)")
            }
        }
    }

    @Test func codesIgnoreCaseAndGBIsTheUK() throws {
        let resources = try SafetySupport.resources()
        #expect(resources.region("gb")?.code == "uk")
        #expect(resources.region("GB")?.code == "uk")
        #expect(resources.region("US")?.name == "United States")
        #expect(resources.region("fr") == nil)
        #expect(resources.region("") == nil)
    }

    @Test func linesAreShortAndPlain() throws {
        let resources = try SafetySupport.resources()
        let us = try #require(resources.region("us"))
        #expect(us.lines(kinds: [.emergency]) == ["Emergency: call 911"])
        #expect(us.lines(kinds: [.crisis]) == ["988 Suicide & Crisis Lifeline (Vibrant Emotional Health, for SAMHSA): call or text 988"])
        #expect(us.lines(kinds: [.abuse]) == ["National Domestic Violence Hotline (The Hotline): call 1-800-799-7233 or text START to 88788"])
        let uk = try #require(resources.region("uk"))
        #expect(uk.lines(kinds: [.crisis]) == ["Samaritans: call 116 123", "Shout (Mental Health Innovations): text SHOUT to 85258"])
        let ca = try #require(resources.region("ca"))
        #expect(ca.lines(kinds: [.abuse]).last == "211 (United Way Centraide Canada): call 211 (for anyone; finds local victim services and family-violence support)")
        let international = try #require(resources.international)
        #expect(international.lines(kinds: [.emergency, .directory]) == [
            "Emergency: call your local emergency number",
            "Find A Helpline (ThroughLine): visit findahelpline.com (free, confidential help lines worldwide)",
        ])
        for code in resources.regionCodes {
            for line in try #require(resources.region(code)).lines(kinds: Set(Resource.Kind.allCases)) {
                #expect(line.count < 140 && !line.contains("!"), "\(line)")
            }
        }
    }

    static func load(_ text: String) throws(ContentError) -> ResourceDirectory {
        try SafetySupport.load([("Content/safety/resources", text)]).1
    }

    @Test func aRegionWithoutAnAbuseLineFailsLink() throws {
        let error = #expect(throws: ContentError.self) {
            try Self.load("""
                region zz: Testland
                    emergency: Emergency services
                        call: 112
                        checked: 2026-11-23
                        source: example.org
                    crisis: Crisis line
                        organisation: Example
                        call: 123
                        checked: 2026-11-23
                        source: example.org
                """)
        }
        #expect(error?.description == """
            Content/safety/resources:1:1: error: the region 'zz' (Testland) has no 'abuse' entry
            region zz: Testland
            ^
            note: every region needs an emergency number, a crisis line and an abuse line
            """)
    }

    @Test func entriesNeedCheckedAndSource() throws {
        let error = #expect(throws: ContentError.self) {
            try Self.load("""
                region zz: Testland
                    emergency: Emergency services
                        call: 112
                        source: example.org
                    crisis: Crisis line
                        call: 123
                        checked: 2026-11-23
                    abuse: Abuse line
                        call: 456
                        checked: 23/11/2026
                        source: example.org
                        phone: 789
                """)
        }
        let rendered = error?.description ?? ""
        #expect(rendered.contains("Content/safety/resources:2:5: error: the emergency entry 'Emergency services' has no 'checked:' line"))
        #expect(rendered.contains("Content/safety/resources:5:5: error: the crisis entry 'Crisis line' has no 'source:' line"))
        #expect(rendered.contains("Content/safety/resources:10:18: error: the date '23/11/2026' is not written as YYYY-MM-DD"))
        #expect(rendered.contains("Content/safety/resources:12:9: error: 'phone' is not a field of a resource"))
    }
}
