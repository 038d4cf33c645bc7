#!/usr/bin/env python3
"""Scenario families for the quality benchmark, written in the data contract.

This generator shares no code and no planting logic with `disrupt synth`: it builds its
own towns, people and records from what real agency extracts look like, so that the
engine's judgments can be checked on data it was not shaped around. Every family varies
what real data varies:

* exploitation categories mostly absent (found-at records and sightings rarely carry one);
* two-character legacy gradings (`2B`, `3D`), a separate `handling` column in one family,
  and a few 5x5x5 codes (`B2`) that must be rejected;
* organisers who appear at few events but hold the links: `associate` links to every
  member of their group and `contact` links, graded `2C` from return home interviews, to
  most of the groomed children;
* congregation decoys: a youth club and a school where many children are each recorded
  once, a children's home its looked-after residents return to;
* busy low-grade decoys: a transport hub and a shopping parade with hundreds of ASB
  reports, stop and searches and low-grade intelligence, many adults of concern passing;
* a family home where one child is found many times (their own home);
* a subtle place: few records, but children and persons of concern there together.

Each scenario folder gets `truth.json`: the planted exploitation places, the decoys and
the organisers. Stdlib only; deterministic for a seed.

    python3 benches/quality/make_scenarios.py --family northern --events 3000 --seed 1 --out DIR
"""

import argparse
import csv
import json
import math
import os
import random
from datetime import datetime, timedelta

AS_OF = datetime(2026, 6, 30, 23, 0)

# Family settings. "northern": another city in lat/lon only, categories mostly absent,
# legacy gradings in the grading column. "coastal": British National Grid only, a
# separate handling column, intelligence-heavy, fewer return home interviews.
FAMILIES = {
    "northern": {
        "centre": (53.800, -1.549),  # Leeds
        "coords": "latlon",
        "category_rate": 0.12,
        "legacy_rate": 0.6,
        "handling_column": False,
        "intel_share": 0.15,
        "rhi_share": 0.05,
    },
    "coastal": {
        "centre": (350_800.0, 90_900.0),  # Plymouth, BNG
        "coords": "bng",
        "category_rate": 0.05,
        "legacy_rate": 0.8,
        "handling_column": True,
        "intel_share": 0.3,
        "rhi_share": 0.01,
    },
}

PLACE_MIX = [
    ("residential", 0.55), ("hmo", 0.03), ("shop", 0.1), ("takeaway", 0.05),
    ("off_licence", 0.02), ("pub_bar", 0.04), ("nightclub", 0.005), ("hotel", 0.01),
    ("bnb", 0.01), ("park", 0.04), ("open_space", 0.02), ("car_park", 0.02),
    ("transport_hub", 0.01), ("school", 0.015), ("youth_club", 0.005),
    ("shisha_lounge", 0.005), ("car_wash", 0.005), ("nail_bar", 0.005), ("other", 0.05),
]


class Town:
    """One scenario: its places, people, events, links, and what was planted."""

    def __init__(self, family, events, seed):
        self.f = FAMILIES[family]
        self.family = family
        self.rng = random.Random(f"{family}-{seed}")
        self.target = events
        self.places, self.people, self.events, self.ep, self.links = [], [], [], [], []
        self.homes = {}
        self.truth = {"family": family, "seed": seed, "events": events,
                      "planted_places": [], "decoys": {}, "organisers": []}

    # ---- records -------------------------------------------------------------------
    def place(self, kind, name=None, near=None, spread=3000.0):
        pid = f"Q{len(self.places) + 1:06d}"
        if near is None:
            r = spread * math.sqrt(self.rng.random())
            a = self.rng.random() * 2 * math.pi
            dx, dy = r * math.cos(a), r * math.sin(a)
        else:
            dx, dy = near[0] + self.rng.gauss(0, 150), near[1] + self.rng.gauss(0, 150)
        licensed = "yes" if kind in ("pub_bar", "nightclub", "off_licence", "hotel") else ""
        self.places.append({"place_id": pid, "kind": kind, "name": name or "",
                            "dx": dx, "dy": dy, "licensed": licensed})
        return pid

    def person(self, role, birth_year=None, home=None, looked_after=""):
        pid = f"R{len(self.people) + 1:06d}"
        self.homes[pid] = home
        self.people.append({"person_id": pid, "role": role,
                            "birth_year": birth_year or "", "home_place_id": home or "",
                            "looked_after": looked_after})
        return pid

    def when(self, days_back=365, night=None):
        d = AS_OF - timedelta(days=self.rng.uniform(1, days_back))
        if night is True:
            hour = self.rng.choice([21, 22, 23, 0, 1, 2, 3])
        elif night is False:
            hour = self.rng.randint(9, 17)
        else:
            hour = self.rng.randint(0, 23)
        return d.replace(hour=hour, minute=self.rng.randint(0, 59), second=0, microsecond=0)

    def grading(self, source_info):
        """A grading in one of the forms real extracts carry."""
        if self.rng.random() < self.f["legacy_rate"]:
            return source_info, self.rng.choice(["P", "P", "C"])
        return source_info + self.rng.choice(["P", "P", "C"]), ""

    def event(self, kind, place, at, people=(), category="", grading=None, source="police"):
        eid = f"V{len(self.events) + 1:07d}"
        g, h = ("", "")
        if grading:
            g, h = self.grading(grading)
        self.events.append({"event_id": eid, "kind": kind, "at": at, "place_id": place,
                            "category": category, "grading": g, "handling": h,
                            "source": source})
        for person, involvement in people:
            self.ep.append({"event_id": eid, "person_id": person, "involvement": involvement})
        return eid

    def link(self, a, b, kind, grading=None, source="intel"):
        g, h = ("", "")
        if grading:
            g, h = self.grading(grading)
        self.links.append({"from_id": a, "to_id": b, "kind": kind, "grading": g,
                           "handling": h, "source": source,
                           "since": (AS_OF - timedelta(days=self.rng.randint(30, 700))).date()})

    def category(self, c):
        return c if self.rng.random() < self.f["category_rate"] else ""

    # ---- the town ------------------------------------------------------------------
    def build(self):
        rng = self.rng
        n_places = max(400, self.target // 5)
        kinds, weights = zip(*PLACE_MIX)
        for _ in range(n_places):
            self.place(rng.choices(kinds, weights)[0])
        homes = [p["place_id"] for p in self.places if p["kind"] == "residential"]
        by_kind = {}
        for p in self.places:
            by_kind.setdefault(p["kind"], []).append(p["place_id"])
        n_children = max(150, self.target // 12)
        children = [self.person("child", rng.randint(2009, 2014), rng.choice(homes))
                    for _ in range(n_children)]
        peers = [self.person("peer", rng.randint(2006, 2008), rng.choice(homes))
                 for _ in range(n_children // 6)]
        adults = [self.person("perpetrator", rng.randint(1975, 2003))
                  for _ in range(max(25, n_children // 10))]
        pros = [self.person("professional") for _ in range(20)]
        self.planted(children, peers, by_kind, homes)
        self.decoys(children, adults, pros, by_kind, homes)
        self.background(children, peers, adults, pros, by_kind, homes)

    def planted(self, children, peers, by_kind, homes):
        """Four exploitation networks, each with its premises, one of them subtle."""
        rng = self.rng
        premises = [
            ("hotel", "cse", "hotel"), ("takeaway", "cce", "takeaway"),
            ("residential", "cce", "cuckooed flat"), ("shisha_lounge", "cse", "subtle"),
        ]
        for i, (kind, cat, label) in enumerate(premises):
            lived_in = set(self.homes.values())  # a cuckooed flat is no child's home
            place = rng.choice([p for p in by_kind.get(kind) or by_kind["shop"]
                                if p not in lived_in])
            for k in by_kind:  # never also a decoy
                by_kind[k] = [p for p in by_kind[k] if p != place]
            organiser = self.person("perpetrator", rng.randint(1978, 1995))
            members = [self.person("perpetrator", rng.randint(1990, 2005))
                       for _ in range(rng.randint(2, 3))]
            groomed = rng.sample(children, rng.randint(3, 5))
            group_peers = rng.sample(peers, 2)
            self.truth["planted_places"].append(place)
            self.truth["organisers"].append(organiser)
            # The organiser holds the links: associates of every member, contact with
            # most groomed children from return home interviews (graded 2C).
            for m in members:
                self.link(organiser, m, "associate", rng.choice(["2B", "2C", "3C"]))
            for c in groomed[: max(2, len(groomed) - 1)]:
                self.link(organiser, c, "contact", "2C", source="rhi_provider")
            for c in groomed:
                for p in group_peers:
                    if rng.random() < 0.5:
                        self.link(c, p, "associate", source="social_care")
            # The organiser is recorded at the premises once or twice, with one member.
            for _ in range(rng.randint(1, 2)):
                self.event("intelligence", place, self.when(150),
                           [(organiser, "subject"), (rng.choice(members), "associate")],
                           self.category(cat), "2C", source="intel")
            if label == "subtle":
                # Few records, but children and persons of concern there together.
                for _ in range(3):
                    who = [(c, "subject") for c in rng.sample(groomed, 2)]
                    who.append((rng.choice(members), "associate"))
                    self.event("sighting", place, self.when(120, night=True), who,
                               self.category(cat), "2B", source="outreach")
                continue
            # Children found there repeatedly, at night, with members.
            for c in groomed:
                for _ in range(rng.randint(2, 4)):
                    at = self.when(200, night=rng.random() < 0.8)
                    self.event("missing_from", self.home_of(c), at - timedelta(hours=20),
                               [(c, "subject")], source="police_missing")
                    who = [(c, "subject")]
                    if rng.random() < 0.6:
                        who.append((rng.choice(members), "associate"))
                    self.event("missing_found", place, at, who, self.category(cat),
                               source="police_missing")
            for _ in range(rng.randint(4, 8)):
                who = [(c, "subject") for c in rng.sample(groomed, 2)]
                who += [(m, "associate") for m in rng.sample(members, 1)]
                self.event("sighting", place, self.when(200, night=True), who,
                           self.category(cat), rng.choice(["2B", "1B", "3C"]),
                           source="outreach")
            for _ in range(rng.randint(2, 4)):
                self.event("intelligence", place, self.when(200),
                           [(rng.choice(members), "subject")], self.category(cat),
                           rng.choice(["2C", "3C", "2B"]), source="intel")
            # Members are also busy elsewhere: arrests, stop and search, at many places.
            elsewhere = [p["place_id"] for p in self.places[:200]]
            for m in members:
                for _ in range(rng.randint(4, 10)):
                    where = rng.choice(elsewhere)
                    self.event(rng.choice(["arrest", "stop_search", "incident"]), where,
                               self.when(), [(m, "suspect")], "", source="police")

    def one_of(self, by_kind, kind):
        """A place of this kind, built if the town has none (a small town may not)."""
        return self.rng.choice(by_kind.get(kind) or [self.place(kind)])

    def home_of(self, person):
        return self.homes.get(person) or None

    def decoys(self, children, adults, pros, by_kind, homes):
        rng = self.rng
        scale = max(1.0, self.target / 3000)
        # A youth club: about 20 children each found there once after a missing
        # episode, daytime and evening, nobody of concern.
        club = self.one_of(by_kind, "youth_club")
        for c in rng.sample(children, min(len(children), int(20 * scale ** 0.5))):
            at = self.when(300, night=False)
            self.event("missing_from", self.home_of(c), at - timedelta(hours=6),
                       [(c, "subject")], source="police_missing")
            self.event("missing_found", club, at, [(c, "subject")], source="police_missing")
        # A school: children recorded as victims or witnesses in daytime incidents, and
        # seen there by professionals.
        school = self.one_of(by_kind, "school")
        for _ in range(int(25 * scale ** 0.5)):
            who = [(c, rng.choice(["victim", "witness"])) for c in rng.sample(children, 2)]
            self.event("incident", school, self.when(300, night=False), who,
                       rng.choice(["violence", "asb", ""]), source="police")
        for _ in range(int(10 * scale ** 0.5)):
            self.event("sighting", school, self.when(300, night=False),
                       [(rng.choice(children), "subject"), (rng.choice(pros), "reporter")],
                       source="education")
        # A children's home: looked-after residents going missing and returning.
        home = self.place("residential", "Beech House children's home")
        residents = []
        for _ in range(8):
            c = self.person("child", rng.randint(2008, 2012), home, "true")
            residents.append(c)
            children.append(c)
        for c in residents:
            for _ in range(rng.randint(2, 6)):
                at = self.when(300)
                self.event("missing_from", home, at - timedelta(hours=12), [(c, "subject")],
                           source="police_missing")
                self.event("missing_found", home, at, [(c, "subject")],
                           source="police_missing")
        # A family home where one child is found many times: their own home.
        child = rng.choice(children[:50])
        fam = self.home_of(child)
        for _ in range(12):
            at = self.when(300, night=rng.random() < 0.5)
            self.event("missing_from", fam, at - timedelta(hours=8), [(child, "subject")],
                       source="police_missing")
            self.event("missing_found", fam, at, [(child, "subject")],
                       source="police_missing")
        # Busy low-grade places: a station and a shopping parade.
        hub = self.one_of(by_kind, "transport_hub")
        parade = self.one_of(by_kind, "shop")
        for place in (hub, parade):
            for _ in range(int(150 * scale)):
                kind = rng.choice(["asb_report", "stop_search", "intelligence", "incident",
                                   "asb_report"])
                # Many people pass through; each record names one of them at most.
                who = []
                r = rng.random()
                if r < 0.5:
                    who.append((rng.choice(adults), "subject"))
                elif r < 0.65:
                    who.append((rng.choice(children), "subject"))
                grading = rng.choice(["3D", "3E", "2D", "3C"]) if kind == "intelligence" else None
                cat = rng.choice(["drugs_supply", "asb", "", "violence"])
                self.event(kind, place, self.when(), who, cat, grading, source="police")
        self.truth["decoys"] = {"youth_club": club, "school": school, "childrens_home": home,
                                "family_home": fam, "transport_hub": hub, "parade": parade}

    def background(self, children, peers, adults, pros, by_kind, homes):
        rng = self.rng
        everywhere = [p["place_id"] for p in self.places]
        public = sum((by_kind.get(k, []) for k in ("park", "shop", "takeaway",
                                                    "open_space", "car_park", "other")), [])
        young = children + peers
        while len(self.events) < self.target:
            r = rng.random()
            if r < 0.18:
                # A missing episode: from home, found at home, a friend's or in public.
                c = rng.choice(children)
                home = self.home_of(c)
                at = self.when()
                self.event("missing_from", home, at - timedelta(hours=10), [(c, "subject")],
                           source="police_missing")
                found = rng.choices([home, rng.choice(homes), rng.choice(public)],
                                    [0.6, 0.25, 0.15])[0]
                self.event("missing_found", found, at, [(c, "subject")],
                           source="police_missing")
            elif r < 0.18 + self.f["rhi_share"]:
                c = rng.choice(children)
                self.event("rhi_mention", rng.choice(public), self.when(), [(c, "subject")],
                           source="rhi_provider")
            elif r < 0.25 + self.f["rhi_share"]:
                who = [(rng.choice(young), "subject")]
                if rng.random() < 0.3:
                    who.append((rng.choice(young), "associate"))
                self.event("sighting", rng.choice(public), self.when(), who,
                           source="outreach")
            elif r < 0.25 + self.f["rhi_share"] + self.f["intel_share"]:
                who = [(rng.choice(adults), "subject")] if rng.random() < 0.5 else []
                g = rng.choice(["2C", "3C", "3D", "2D", "2B"])
                if rng.random() < 0.01:
                    g = rng.choice(["B2", "A1", "C3"])  # 5x5x5: rejected with a hint
                    self.events.append({"event_id": f"V{len(self.events) + 1:07d}",
                                        "kind": "intelligence", "at": self.when(),
                                        "place_id": rng.choice(everywhere), "category": "",
                                        "grading": g, "handling": "", "source": "intel"})
                    continue
                self.event("intelligence", rng.choice(everywhere), self.when(), who,
                           rng.choice(["drugs_supply", "", "", "violence", "weapons"]), g,
                           source="intel")
            elif r < 0.7:
                who = [(rng.choice(adults), "suspect")] if rng.random() < 0.4 else []
                if rng.random() < 0.1:
                    who.append((rng.choice(young), "victim"))
                self.event("incident", rng.choice(everywhere), self.when(), who,
                           rng.choice(["violence", "asb", "", "", "drugs_supply", "theft"]),
                           source="police")
            elif r < 0.85:
                self.event("asb_report", rng.choice(public), self.when(), [], "asb",
                           source="council")
            elif r < 0.95:
                self.event("stop_search", rng.choice(public), self.when(),
                           [(rng.choice(adults + peers), "subject")], "drugs_supply",
                           source="police")
            else:
                self.event("arrest", rng.choice(everywhere), self.when(),
                           [(rng.choice(adults), "suspect")], "", source="police")
        # Background adults know each other a little.
        for _ in range(len(adults)):
            a, b = rng.sample(adults, 2)
            self.link(a, b, rng.choice(["associate", "co_offender"]),
                      rng.choice(["2C", "3D", None]))

    # ---- writing -------------------------------------------------------------------
    def write(self, out):
        os.makedirs(out, exist_ok=True)
        centre = self.f["centre"]
        latlon = self.f["coords"] == "latlon"

        def coords(p):
            if latlon:
                lat = centre[0] + p["dy"] / 111_320.0
                lon = centre[1] + p["dx"] / (111_320.0 * math.cos(math.radians(centre[0])))
                return {"lat": f"{lat:.6f}", "lon": f"{lon:.6f}"}
            return {"easting": f"{centre[0] + p['dx']:.1f}",
                    "northing": f"{centre[1] + p['dy']:.1f}"}

        cols = ["lat", "lon"] if latlon else ["easting", "northing"]
        with open(os.path.join(out, "places.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["place_id", "kind", "name", *cols, "licensed"])
            for p in self.places:
                c = coords(p)
                w.writerow([p["place_id"], p["kind"], p["name"], *(c[k] for k in cols),
                            p["licensed"]])
        with open(os.path.join(out, "people.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["person_id", "role", "birth_year", "looked_after", "home_place_id"])
            for p in self.people:
                w.writerow([p["person_id"], p["role"], p["birth_year"], p["looked_after"],
                            p["home_place_id"]])
        handling = self.f["handling_column"]
        order = sorted(self.events, key=lambda e: (e["at"], e["event_id"]))
        with open(os.path.join(out, "events.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["event_id", "kind", "occurred_at", "place_id", "category", "grading",
                        *(["handling"] if handling else []), "source"])
            for e in order:
                w.writerow([e["event_id"], e["kind"], e["at"].isoformat(), e["place_id"],
                            e["category"], e["grading"], *([e["handling"]] if handling else []),
                            e["source"]])
        with open(os.path.join(out, "event_people.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["event_id", "person_id", "involvement"])
            for r in self.ep:
                w.writerow([r["event_id"], r["person_id"], r["involvement"]])
        with open(os.path.join(out, "links.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["from_id", "to_id", "kind", "since", "grading",
                        *(["handling"] if handling else []), "source"])
            for l in self.links:
                w.writerow([l["from_id"], l["to_id"], l["kind"], l["since"], l["grading"],
                            *([l["handling"]] if handling else []), l["source"]])
        with open(os.path.join(out, "truth.json"), "w") as f:
            json.dump(self.truth, f, indent=2, sort_keys=True)
            f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--family", choices=sorted(FAMILIES), required=True)
    ap.add_argument("--events", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    t = Town(a.family, a.events, a.seed)
    t.build()
    t.write(a.out)


if __name__ == "__main__":
    main()
