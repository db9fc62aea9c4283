#!/usr/bin/env python3
"""Generate a deterministic corpus of valid psea applications for benchmarks.

Usage: generate_corpus.py N OUT_DIR [--seed S] [--judges J --per-entry K] [--bytes LOW-HIGH]

Writes N applications (award year 2568), alternating XML and JSON, named so that sorting the names gives the
generation order (``PG-2568-000001.xml``, ``PG-2568-000002.json``, ...). Every application is valid by the format
contract (shared APPLICATION-FORMAT.md) and the business rules: unique ids, resolving references, every evidence
item referenced, Buddhist Era years in 2500-2700 with measurements ascending after the baseline, CE dates inside
the work period, the declaration on or before submission, well-formed sha256 and uri, official province names,
ministry and province where the agency kind needs them, and the sub-type rules and narrative limits of 2568.
Each file is 5-40 KB of mostly Thai text (``--bytes 10000-13000``: every file in that range, for a corpus of small
applications). The same N, seed and range give byte-identical files.

Also writes manifest.csv (file,id,type,agencyKind,bytes). With --judges J it also writes judges.csv
(id,name,ministry,province,agency); make_scores.py writes a scores CSV for a round once the judges are assigned.
"""

import argparse
import csv
import datetime
import hashlib
import json
import multiprocessing
import os
import random
import sys
from xml.sax.saxutils import escape as xml_escape

AWARD_YEAR = 2568
TYPES = ["open-governance", "effective-change", "participation-expanded", "poverty-integration"]
AGENCY_KINDS = [
    "central-department", "province", "provincial-office", "local-administration",
    "public-organization", "state-enterprise", "other",
]
MIN_BYTES = 5 * 1024
MAX_BYTES = 40 * 1000

# Narrative limits in characters (the 2568 rubrics); texts are kept under them counting code points, which is
# never fewer than the grapheme clusters the rules count.
LIMITS = {
    "title": 200, "summary": 1500, "background": 3000, "sustainability": 2000, "lessons": 2000,
    "objective": 500, "influence": 1000,
}

# The judged and hybrid criteria of each sub-type in the 2568 rubrics, with their answer limits: a format 2
# application answers each of them (`responses`).
ANSWERED = {
    "effective-change": [("EC1.1", 3000), ("EC1.3", 2000), ("EC2.2", 3000), ("EC3.3", 2000), ("EC4.2", 3000)],
    "open-governance": [("OG1.1", 3000), ("OG1.2", 2000), ("OG2.1", 3000), ("OG2.2", 2000), ("OG2.3", 3000)],
    "participation-expanded": [("PE1.1", 3000), ("PE1.2", 3000), ("PE2.1", 2000), ("PE4.2", 3000)],
    "poverty-integration": [("PI1.1", 3000), ("PI1.2", 3000), ("PI2.3", 2000), ("PI3.2", 2000)],
}

# The format version written (`--format-version`): 2 (with responses) unless 1 is asked for, as the corpora of
# results before 2026-12-07 were.
FORMAT_VERSION = 2

# The 77 province-level units, official Thai names (76 provinces and Bangkok).
PROVINCES = [
    "กรุงเทพมหานคร", "กระบี่", "กาญจนบุรี", "กาฬสินธุ์", "กำแพงเพชร", "ขอนแก่น", "จันทบุรี", "ฉะเชิงเทรา",
    "ชลบุรี", "ชัยนาท", "ชัยภูมิ", "ชุมพร", "เชียงราย", "เชียงใหม่", "ตรัง", "ตราด", "ตาก", "นครนายก",
    "นครปฐม", "นครพนม", "นครราชสีมา", "นครศรีธรรมราช", "นครสวรรค์", "นนทบุรี", "นราธิวาส", "น่าน",
    "บึงกาฬ", "บุรีรัมย์", "ปทุมธานี", "ประจวบคีรีขันธ์", "ปราจีนบุรี", "ปัตตานี", "พระนครศรีอยุธยา",
    "พะเยา", "พังงา", "พัทลุง", "พิจิตร", "พิษณุโลก", "เพชรบุรี", "เพชรบูรณ์", "แพร่", "ภูเก็ต",
    "มหาสารคาม", "มุกดาหาร", "แม่ฮ่องสอน", "ยโสธร", "ยะลา", "ร้อยเอ็ด", "ระนอง", "ระยอง", "ราชบุรี",
    "ลพบุรี", "ลำปาง", "ลำพูน", "เลย", "ศรีสะเกษ", "สกลนคร", "สงขลา", "สตูล", "สมุทรปราการ",
    "สมุทรสงคราม", "สมุทรสาคร", "สระแก้ว", "สระบุรี", "สิงห์บุรี", "สุโขทัย", "สุพรรณบุรี",
    "สุราษฎร์ธานี", "สุรินทร์", "หนองคาย", "หนองบัวลำภู", "อ่างทอง", "อำนาจเจริญ", "อุดรธานี",
    "อุตรดิตถ์", "อุทัยธานี", "อุบลราชธานี",
]
assert len(PROVINCES) == 77 and len(set(PROVINCES)) == 77
BANGKOK = PROVINCES[0]

# (Thai name, English name, ministry, domain) of central departments.
DEPARTMENTS = [
    ("กรมส่งเสริมการปกครองท้องถิ่น", "Department of Local Administration", "กระทรวงมหาดไทย", "dla.go.th"),
    ("กรมการพัฒนาชุมชน", "Community Development Department", "กระทรวงมหาดไทย", "cdd.go.th"),
    ("กรมป้องกันและบรรเทาสาธารณภัย", "Department of Disaster Prevention and Mitigation", "กระทรวงมหาดไทย", "disaster.go.th"),
    ("กรมควบคุมมลพิษ", "Pollution Control Department", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม", "pcd.go.th"),
    ("กรมทรัพยากรน้ำ", "Department of Water Resources", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม", "dwr.go.th"),
    ("กรมส่งเสริมการเกษตร", "Department of Agricultural Extension", "กระทรวงเกษตรและสหกรณ์", "doae.go.th"),
    ("กรมชลประทาน", "Royal Irrigation Department", "กระทรวงเกษตรและสหกรณ์", "rid.go.th"),
    ("กรมอนามัย", "Department of Health", "กระทรวงสาธารณสุข", "anamai.moph.go.th"),
    ("กรมสนับสนุนบริการสุขภาพ", "Department of Health Service Support", "กระทรวงสาธารณสุข", "hss.moph.go.th"),
    ("กรมพัฒนาสังคมและสวัสดิการ", "Department of Social Development and Welfare", "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "dsdw.go.th"),
    ("กรมการจัดหางาน", "Department of Employment", "กระทรวงแรงงาน", "doe.go.th"),
    ("กรมทางหลวงชนบท", "Department of Rural Roads", "กระทรวงคมนาคม", "drr.go.th"),
    ("กรมศุลกากร", "Customs Department", "กระทรวงการคลัง", "customs.go.th"),
    ("กรมราชทัณฑ์", "Department of Corrections", "กระทรวงยุติธรรม", "correct.go.th"),
]
# (Thai name pattern with {p}, English pattern, ministry, domain) of provincial offices.
PROVINCIAL_OFFICES = [
    ("สำนักงานสาธารณสุข{p}", "Provincial Public Health Office", "กระทรวงสาธารณสุข", "moph.go.th"),
    ("สำนักงานเกษตร{p}", "Provincial Agricultural Extension Office", "กระทรวงเกษตรและสหกรณ์", "doae.go.th"),
    ("สำนักงานพัฒนาชุมชน{p}", "Provincial Community Development Office", "กระทรวงมหาดไทย", "cdd.go.th"),
    ("สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อม{p}", "Provincial Natural Resources and Environment Office", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม", "mnre.go.th"),
    ("สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์{p}", "Provincial Social Development and Human Security Office", "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "m-society.go.th"),
    ("สำนักงานแรงงาน{p}", "Provincial Labour Office", "กระทรวงแรงงาน", "mol.go.th"),
    ("สำนักงานวัฒนธรรม{p}", "Provincial Cultural Office", "กระทรวงวัฒนธรรม", "m-culture.go.th"),
]
LOCAL_ADMINISTRATIONS = [
    ("เทศบาลเมือง{b}", "{e} Town Municipality"),
    ("เทศบาลนคร{b}", "{e} City Municipality"),
    ("องค์การบริหารส่วน{p}", "{e} Provincial Administrative Organization"),
    ("องค์การบริหารส่วนตำบลบ้านใหม่", "Ban Mai Subdistrict Administrative Organization"),
    ("เทศบาลตำบลหนองบัว", "Nong Bua Subdistrict Municipality"),
    ("องค์การบริหารส่วนตำบลท่าข้าม", "Tha Kham Subdistrict Administrative Organization"),
]
PUBLIC_ORGANIZATIONS = [
    ("สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)", "Digital Government Development Agency", "dga.or.th"),
    ("สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)", "Community Organizations Development Institute", "codi.or.th"),
    ("สำนักงานพัฒนาพื้นที่พิเศษเพื่อการท่องเที่ยวอย่างยั่งยืน (องค์การมหาชน)", "Designated Areas for Sustainable Tourism Administration", "dasta.or.th"),
    ("สำนักงานบริหารและพัฒนาองค์ความรู้ (องค์การมหาชน)", "Office of Knowledge Management and Development", "okmd.or.th"),
    ("สถาบันสารสนเทศทรัพยากรน้ำ (องค์การมหาชน)", "Hydro-Informatics Institute", "hii.or.th"),
]
STATE_ENTERPRISES = [
    ("การประปาส่วนภูมิภาค", "Provincial Waterworks Authority", "pwa.co.th"),
    ("การไฟฟ้าส่วนภูมิภาค", "Provincial Electricity Authority", "pea.co.th"),
    ("การเคหะแห่งชาติ", "National Housing Authority", "nha.co.th"),
    ("องค์การตลาด", "Marketing Organization", "mo.or.th"),
]
OTHER_AGENCIES = [
    ("สำนักงานคณะกรรมการการเลือกตั้งประจำ{p}", "Provincial Election Commission Office", "ect.go.th"),
    ("มหาวิทยาลัยราชภัฏ{b}", "{e} Rajabhat University", "rbru.ac.th"),
    ("สำนักงานศาลยุติธรรมประจำภาค", "Regional Court Administration Office", "coj.go.th"),
]
PROVINCES_EN = {
    "กรุงเทพมหานคร": "Bangkok", "เชียงใหม่": "Chiang Mai", "น่าน": "Nan", "ขอนแก่น": "Khon Kaen",
    "สงขลา": "Songkhla", "อุบลราชธานี": "Ubon Ratchathani", "นครราชสีมา": "Nakhon Ratchasima",
}

MALE_NAMES = ["สมชาย", "วิชัย", "ประเสริฐ", "ธนพล", "ณัฐวุฒิ", "เกียรติศักดิ์", "อำนาจ", "บุญมี", "ปิยะ", "ชาญวิทย์"]
FEMALE_NAMES = ["สมหญิง", "อรทัย", "กนกวรรณ", "สุภาพร", "พรทิพย์", "จิราพร", "ศิริพร", "นงลักษณ์", "วราภรณ์", "มาลี"]
GIVEN_NAMES = MALE_NAMES + FEMALE_NAMES
FAMILY_NAMES = [
    "ใจดี", "ศรีสุข", "บุญประเสริฐ", "แก้วมณี", "วงศ์สวัสดิ์", "ทองคำ", "สุขสวัสดิ์", "พรหมมา", "รักไทย",
    "เจริญผล", "มั่นคง", "อินทร์แก้ว", "ชัยมงคล", "ศรีวงศ์", "นาคสุข",
]
POSITIONS = [
    "ผู้อำนวยการกองยุทธศาสตร์และแผนงาน", "นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ", "หัวหน้าสำนักปลัด",
    "นักทรัพยากรบุคคลชำนาญการ", "นักพัฒนาชุมชนชำนาญการ", "เจ้าหน้าที่ระบบงานคอมพิวเตอร์",
]
HEAD_POSITIONS = ["อธิบดี", "ผู้ว่าราชการจังหวัด", "นายกเทศมนตรี", "ผู้อำนวยการ", "นายกองค์การบริหารส่วนจังหวัด", "ปลัดจังหวัด"]

TOPICS = [
    ("การบริหารจัดการน้ำ", "แหล่งน้ำชุมชน", "water"),
    ("การจัดการขยะ", "ขยะมูลฝอยในชุมชน", "waste"),
    ("การแก้ปัญหาหมอกควัน", "การเผาในที่โล่ง", "haze"),
    ("การดูแลผู้สูงอายุ", "ผู้สูงอายุที่อยู่ลำพัง", "elderly"),
    ("การท่องเที่ยวโดยชุมชน", "รายได้จากการท่องเที่ยว", "tourism"),
    ("การแก้ไขปัญหาความยากจน", "ครัวเรือนยากจนเป้าหมาย", "poverty"),
    ("ความปลอดภัยทางถนน", "อุบัติเหตุทางถนน", "road"),
    ("การป้องกันยาเสพติด", "เยาวชนกลุ่มเสี่ยง", "drugs"),
    ("เกษตรปลอดภัย", "การใช้สารเคมีทางการเกษตร", "farming"),
    ("การฟื้นฟูป่าชุมชน", "พื้นที่ป่าเสื่อมโทรม", "forest"),
    ("บริการสาธารณะดิจิทัล", "การเข้าถึงบริการออนไลน์", "digital"),
    ("การเตรียมพร้อมรับมือภัยพิบัติ", "น้ำท่วมซ้ำซาก", "disaster"),
]
PROGRAMME_WORDS = ["โครงการ", "ผลงาน", "นวัตกรรม", "ระบบ", "เครือข่าย", "แพลตฟอร์ม"]
SLOGANS = [
    "ร่วมคิด ร่วมทำ ร่วมรับผิดชอบ", "ชุมชนเข้มแข็ง", "ประชาชนเป็นศูนย์กลาง", "บวร ร่วมใจ",
    "เปิดบ้านเปิดใจ", "ทุกเสียงมีความหมาย", "สานพลังประชารัฐ", "ใกล้ชิดประชาชน",
]

# Sentence templates; {t} = topic, {f} = focus, {p} = province, {a} = agency, {n} = a number.
SENTENCES = [
    "ปัญหา{t}ในพื้นที่{p}สะสมมาเป็นเวลานานและส่งผลกระทบต่อคุณภาพชีวิตของประชาชนโดยตรง",
    "ข้อมูลจากการสำรวจพบว่า{f}เพิ่มขึ้นอย่างต่อเนื่องในช่วง {n} ปีที่ผ่านมา",
    "{a}จึงเปิดโอกาสให้ประชาชนและภาคีเครือข่ายเข้ามามีส่วนร่วมตั้งแต่ขั้นตอนการวางแผน",
    "การรับฟังความคิดเห็นจัดขึ้นทั้งในรูปแบบเวทีประชาคมหมู่บ้านและช่องทางออนไลน์ เพื่อให้ทุกกลุ่มเข้าถึงได้",
    "ผู้นำชุมชน อาสาสมัครสาธารณสุขประจำหมู่บ้าน และกลุ่มเยาวชนร่วมกันวิเคราะห์สาเหตุของปัญหา",
    "ข้อเสนอของประชาชนถูกนำไปปรับแผนการดำเนินงานและจัดลำดับความสำคัญของกิจกรรมใหม่",
    "มีการแต่งตั้งคณะทำงานร่วมระหว่างภาครัฐ ภาคเอกชน และภาคประชาสังคม จำนวน {n} คน",
    "ผลการดำเนินงานได้รับการเผยแพร่ผ่านเว็บไซต์ เพจเฟซบุ๊ก และบอร์ดประชาสัมพันธ์ประจำหมู่บ้านอย่างสม่ำเสมอ",
    "ชุมชนร่วมกำหนดกติกาการใช้ทรัพยากรและติดตามการปฏิบัติตามกติกาด้วยตนเอง",
    "การติดตามประเมินผลดำเนินการร่วมกับมหาวิทยาลัยในพื้นที่ โดยใช้ข้อมูลเชิงประจักษ์และแบบสอบถามความพึงพอใจ",
    "ประชาชนที่เข้าร่วมกิจกรรมมีความเข้าใจเรื่อง{t}มากขึ้นและนำไปปฏิบัติในครัวเรือน",
    "ผลงานนี้ขยายผลไปยังพื้นที่ใกล้เคียงอีก {n} ตำบล โดยชุมชนเป็นผู้ถ่ายทอดความรู้เอง",
    "งบประมาณส่วนหนึ่งมาจากการสมทบของชุมชนและภาคเอกชน ทำให้โครงการดำเนินต่อได้แม้ไม่มีงบประมาณจากภาครัฐ",
    "กลไกการสื่อสารสองทางช่วยให้หน่วยงานตอบข้อร้องเรียนได้ภายใน {n} วันทำการ",
    "บทเรียนสำคัญคือความไว้วางใจระหว่างเจ้าหน้าที่กับประชาชนต้องสร้างจากการรับฟังอย่างจริงจังและการรายงานผลกลับ",
    "การใช้ข้อมูลเปิดทำให้ประชาชนตรวจสอบความก้าวหน้าของงานได้ด้วยตนเองตลอดเวลา",
    "กลุ่มเปราะบาง เช่น ผู้สูงอายุ คนพิการ และแรงงานข้ามชาติ ได้รับการสนับสนุนให้เข้าร่วมเวทีอย่างทั่วถึง",
    "หน่วยงานได้ปรับปรุงระเบียบและขั้นตอนการทำงานภายในให้เอื้อต่อการมีส่วนร่วมของประชาชนมากขึ้น",
    "ผลลัพธ์ที่วัดได้แสดงให้เห็นว่า{f}ลดลงอย่างมีนัยสำคัญเมื่อเทียบกับปีฐาน",
    "เครือข่ายอาสาสมัครที่เกิดขึ้นจากโครงการยังคงดำเนินกิจกรรมอย่างต่อเนื่องหลังสิ้นสุดระยะเวลาโครงการ",
    "การประชุมสรุปบทเรียนร่วมกับชุมชนจัดขึ้นทุกไตรมาส เพื่อนำข้อค้นพบไปปรับปรุงการทำงานในรอบถัดไป",
    "ภาคเอกชนในพื้นที่ร่วมสนับสนุนอุปกรณ์และองค์ความรู้ด้านเทคโนโลยีที่เหมาะสมกับบริบทของชุมชน",
    "แผนการดำเนินงานระยะต่อไปได้บรรจุไว้ในแผนพัฒนาท้องถิ่นและแผนพัฒนา{p}แล้ว",
    "ประชาชนสามารถแจ้งปัญหาผ่านแอปพลิเคชันไลน์และติดตามสถานะการแก้ไขได้แบบเรียลไทม์",
]
OBJECTIVE_TEMPLATES = [
    "เพื่อลด{f}ในพื้นที่เป้าหมายโดยอาศัยการมีส่วนร่วมของประชาชน",
    "เพื่อสร้างกลไกการมีส่วนร่วมของชุมชนในการบริหารจัดการ{t}อย่างยั่งยืน",
    "เพื่อเปิดช่องทางให้ประชาชนเข้าถึงข้อมูลและแสดงความคิดเห็นต่อการดำเนินงานด้าน{t}",
    "เพื่อพัฒนาศักยภาพของผู้นำชุมชนและเครือข่ายอาสาสมัครด้าน{t}",
    "เพื่อยกระดับคุณภาพชีวิตของประชาชนใน{p}อย่างเป็นรูปธรรมและวัดผลได้",
]
ACTIVITY_TITLES = [
    "เวทีประชาคมรับฟังความคิดเห็นเรื่อง{t}", "ประชุมเชิงปฏิบัติการวางแผน{t}ร่วมกับชุมชน",
    "สำรวจข้อมูล{f}โดยอาสาสมัครชุมชน", "คณะกรรมการร่วมภาครัฐและประชาชนตัดสินใจเลือกแนวทาง",
    "ชุมชนลงมือดำเนินกิจกรรม{t}", "ประชาชนร่วมติดตามและประเมินผลการดำเนินงาน",
    "เผยแพร่ข้อมูลความก้าวหน้าผ่านช่องทางออนไลน์", "จัดตั้งกองทุนชุมชนเพื่อ{t}",
    "อบรมแกนนำเครือข่าย{t}", "สรุปบทเรียนและแบ่งปันประโยชน์ร่วมกัน",
]
TECHNIQUES = [
    "เวทีประชาคม", "การสนทนากลุ่ม", "แบบสอบถามออนไลน์", "ประชุมเชิงปฏิบัติการ", "คณะกรรมการร่วม",
    "การลงประชามติในหมู่บ้าน", "แผนที่ชุมชน", "การเดินสำรวจพื้นที่ร่วมกัน", "ศาลากลางออนไลน์",
]
INFLUENCE_SENTENCES = [
    "ข้อเสนอของชุมชนทำให้หน่วยงานเปลี่ยนจุดดำเนินการจากเดิมไปยังพื้นที่ที่ได้รับผลกระทบมากที่สุด",
    "ประชาชนเสนอให้ขยายเวลาให้บริการในช่วงเย็น หน่วยงานจึงปรับเวลาทำการตามข้อเสนอ",
    "ความคิดเห็นจากเวทีถูกรวบรวมเป็นรายงานและตอบกลับผู้เข้าร่วมภายในสองสัปดาห์",
    "คณะกรรมการชุมชนเป็นผู้ตัดสินใจเลือกวิธีการดำเนินงานและจัดสรรงบประมาณบางส่วนด้วยตนเอง",
    "ผู้เข้าร่วมระบุปัญหาที่เจ้าหน้าที่ไม่เคยทราบมาก่อน ทำให้แผนงานครอบคลุมกลุ่มเปราะบางมากขึ้น",
    "ข้อมูลที่อาสาสมัครเก็บได้ถูกใช้เป็นฐานในการกำหนดค่าเป้าหมายของตัวชี้วัด",
    "ชุมชนเสนอให้เพิ่มช่องทางการสื่อสารผ่านหอกระจายข่าว ซึ่งหน่วยงานนำไปใช้ทันที",
]
STAKEHOLDER_GROUPS = [
    ("ประชาชนในพื้นที่เป้าหมาย", "citizens"), ("คณะกรรมการหมู่บ้าน", "community"),
    ("อาสาสมัครสาธารณสุขประจำหมู่บ้าน", "community"), ("มูลนิธิเพื่อการพัฒนาชุมชน", "civil-society"),
    ("หอการค้าจังหวัด", "private-sector"), ("มหาวิทยาลัยในพื้นที่", "academia"),
    ("สื่อมวลชนท้องถิ่น", "media"), ("องค์กรปกครองส่วนท้องถิ่น", "government"),
    ("กลุ่มเยาวชนจิตอาสา", "citizens"), ("วิสาหกิจชุมชน", "private-sector"), ("ผู้นำศาสนา", "other"),
]
INDICATORS = [
    ("จำนวนครัวเรือนที่เข้าร่วมโครงการ", "ครัวเรือน", "increase"),
    ("ปริมาณขยะมูลฝอยที่ต้องกำจัดต่อวัน", "ตัน", "decrease"),
    ("จำนวนจุดความร้อนในพื้นที่", "จุด", "decrease"),
    ("ร้อยละความพึงพอใจของประชาชน", "ร้อยละ", "increase"),
    ("พื้นที่ป่าชุมชนที่ได้รับการฟื้นฟู", "ไร่", "increase"),
    ("รายได้เฉลี่ยของครัวเรือนเป้าหมาย", "บาทต่อปี", "increase"),
    ("จำนวนอุบัติเหตุทางถนน", "ครั้ง", "decrease"),
    ("ระยะเวลาตอบข้อร้องเรียน", "วัน", "decrease"),
    ("จำนวนผู้ใช้บริการออนไลน์", "ราย", "increase"),
    ("จำนวนครัวเรือนยากจนเป้าหมาย", "ครัวเรือน", "decrease"),
]
COMPARISON_LABELS = ["ค่าเฉลี่ยระดับประเทศ", "ค่าเฉลี่ยของจังหวัด", "อำเภอใกล้เคียง", "ค่าเฉลี่ยของภาค"]
EVIDENCE_TITLES = [
    ("document", "รายงานผลการดำเนินงานประจำปี", "pdf"), ("photo", "ภาพถ่ายเวทีประชาคม", "jpg"),
    ("video", "วีดิทัศน์สรุปผลงาน", "mp4"), ("dataset", "ชุดข้อมูลผลการสำรวจ", "csv"),
    ("web", "หน้าเว็บเผยแพร่ข้อมูลโครงการ", "html"), ("document", "คำสั่งแต่งตั้งคณะทำงานร่วม", "pdf"),
    ("document", "บันทึกการประชุม", "pdf"), ("photo", "ภาพกิจกรรมลงพื้นที่", "jpg"),
    ("other", "แผนที่ชุมชน", "png"), ("dataset", "ข้อมูลตัวชี้วัดรายปี", "xlsx"),
]
STAGES = ["planning", "decision", "implementation", "evaluation", "benefit"]
LEVELS = ["inform", "consult", "involve", "collaborate", "empower"]


def to_ordinal(d):
    return datetime.date(*d).toordinal()


def from_ordinal(n):
    day = datetime.date.fromordinal(n)
    return (day.year, day.month, day.day)


def iso(d):
    return "%04d-%02d-%02d" % d


class Texts:
    """Thai prose of a chosen length from the sentence pools."""

    def __init__(self, rng, topic, focus, province, agency):
        self.rng = rng
        self.values = {"t": topic, "f": focus, "p": province, "a": agency}

    def fill(self, template):
        values = dict(self.values, n=str(self.rng.randint(2, 40)))
        return template.format(**values)

    def prose(self, chars, limit, pool=SENTENCES):
        """Sentences joined by spaces, about `chars` long and never over `limit` code points."""
        chars = max(1, min(chars, limit))
        out = []
        length = 0
        while length < chars:
            sentence = self.fill(self.rng.choice(pool))
            extra = len(sentence) + (1 if out else 0)
            if length + extra > limit:
                break
            out.append(sentence)
            length += extra
        if not out:
            out.append(self.fill(pool[0])[:limit])
        return " ".join(out)


def person(rng):
    """A Thai name with an honorific that fits it: นาย for men, นาง or นางสาว for women."""
    if rng.random() < 0.5:
        return "นาย%s %s" % (rng.choice(MALE_NAMES), rng.choice(FAMILY_NAMES))
    return "%s%s %s" % (rng.choice(["นาง", "นางสาว"]), rng.choice(FEMALE_NAMES), rng.choice(FAMILY_NAMES))


def place(province):
    """How Thai prose names a province: จังหวัดน่าน, but กรุงเทพมหานคร alone."""
    return province if province == BANGKOK else "จังหวัด" + province


def make_agency(rng, kind):
    """The agency object, a web domain for its evidence links, and its home province."""
    province = rng.choice(PROVINCES)
    if kind in ("province", "other") and province == BANGKOK:
        province = PROVINCES[1 + rng.randrange(len(PROVINCES) - 1)]
    english = PROVINCES_EN.get(province, "Provincial")
    values = {"p": place(province), "b": province, "e": english}
    if kind == "central-department":
        name, name_en, ministry, domain = rng.choice(DEPARTMENTS)
        return {"kind": kind, "name": name, "nameEn": name_en, "ministry": ministry}, domain, province
    if kind == "province":
        return {"kind": kind, "name": place(province), "nameEn": english + " Province", "ministry": "กระทรวงมหาดไทย",
                "province": province}, "province.go.th", province
    if kind == "provincial-office":
        name, name_en, ministry, domain = rng.choice(PROVINCIAL_OFFICES)
        return {"kind": kind, "name": name.format(**values), "nameEn": name_en, "ministry": ministry,
                "province": province}, domain, province
    if kind == "local-administration":
        if province == BANGKOK:
            name, name_en = "กรุงเทพมหานคร", "Bangkok Metropolitan Administration"
        else:
            name, name_en = rng.choice(LOCAL_ADMINISTRATIONS)
        return {"kind": kind, "name": name.format(**values), "nameEn": name_en.format(**values),
                "province": province}, "local.go.th", province
    if kind == "public-organization":
        name, name_en, domain = rng.choice(PUBLIC_ORGANIZATIONS)
        agency = {"kind": kind, "name": name, "nameEn": name_en}
        if rng.random() < 0.3:
            agency["ministry"] = "สำนักนายกรัฐมนตรี"
        return agency, domain, province
    if kind == "state-enterprise":
        name, name_en, domain = rng.choice(STATE_ENTERPRISES)
        agency = {"kind": kind, "name": name, "nameEn": name_en, "ministry": "กระทรวงมหาดไทย"}
        return agency, domain, province
    name, name_en, domain = rng.choice(OTHER_AGENCIES)
    agency = {"kind": kind, "name": name.format(**values), "nameEn": name_en.format(**values)}
    if "{p}" in name or "{b}" in name:
        agency["province"] = province
    return agency, domain, province


def type_of(index):
    """Sub-type of application `index`: pairs of files (one XML, one JSON) cycle through the four types."""
    return TYPES[((index - 1) // 2) % len(TYPES)]


def kind_of(index):
    """Agency kind of application `index`: every 8 files the kind changes, so all type x kind x format mixes occur."""
    return AGENCY_KINDS[((index - 1) // 8) % len(AGENCY_KINDS)]


def make_application(index, seed, scale):
    """Application number `index` (1-based) as an ordered dict in the contract's JSON shape.
    `scale` in [0, 1] sets how long texts are and how many list members there are."""
    rng = random.Random("psea-bench:%s:%d" % (seed, index))
    app_type = type_of(index)
    kind = kind_of(index)
    agency, domain, province = make_agency(rng, kind)
    topic, focus, slug = rng.choice(TOPICS)
    texts = Texts(rng, topic, focus, place(province), agency["name"])

    # Dates: work between Oct 2021 and Dec 2024 (CE), submitted Jan-Mar 2025 (award year 2568).
    start = (rng.choice([2021, 2022, 2023]), rng.randint(1, 12), 1)
    start_n = to_ordinal(start)
    end_n = min(start_n + rng.randint(300, 900), to_ordinal((2024, 12, 31)))
    submitted_n = to_ordinal((2025, 1, 6)) + rng.randint(0, 80)
    submitted = from_ordinal(submitted_n)
    has_end = rng.random() < 0.9
    last_activity_n = end_n if has_end else to_ordinal((2024, 12, 31))
    declaration = from_ordinal(submitted_n - rng.randint(0, 10))

    n_objectives = 1 + int(scale * 3) + rng.randint(0, 1)
    n_stakeholders = 2 + int(scale * 4)
    n_activities = 3 + int(scale * 10)
    n_indicators = 1 + int(scale * 4)
    n_evidence = 3 + int(scale * 9)

    app_id = "PG-%d-%06d" % (AWARD_YEAR, index)
    title_core = "%s%s%s" % (rng.choice(PROGRAMME_WORDS), topic, " \"%s\"" % rng.choice(SLOGANS))
    title = (title_core + " " + agency["name"])[:LIMITS["title"]]

    application = {
        "schemaVersion": FORMAT_VERSION,
        "id": app_id,
        "awardYear": AWARD_YEAR,
        "category": "participatory-governance",
        "type": app_type,
        "submittedAt": "%sT%02d:%02d:00+07:00" % (iso(submitted), rng.randint(8, 16), rng.randint(0, 59)),
        "agency": agency,
        "contact": {
            "name": person(rng),
            "position": rng.choice(POSITIONS),
            "email": "pg%06d@%s" % (index, domain),
            "phone": "0%d-%03d-%04d" % (rng.randint(2, 9), rng.randint(100, 999), rng.randint(0, 9999)),
        },
    }
    if app_type == "participation-expanded":
        application["previousAward"] = {
            "year": rng.randint(2562, 2566),
            "type": rng.choice(["effective-change", "open-governance"]),
            "title": title_core + " ระยะที่ 1",
        }
    elif rng.random() < 0.1 and app_type != "open-governance":
        application["previousAward"] = {"year": 2565, "type": "open-governance", "title": title_core}

    objectives = [
        {"id": "O%d" % (k + 1), "text": texts.prose(60 + int(scale * 300), LIMITS["objective"] - 20,
                                                   pool=OBJECTIVE_TEMPLATES + SENTENCES[:4])}
        for k in range(n_objectives)
    ]
    period = {"start": iso(start)}
    if has_end:
        period["end"] = iso(from_ordinal(end_n))
    areas = [province] + rng.sample([p for p in PROVINCES if p != province], rng.randint(0, 3))
    application["work"] = {
        "title": title,
        "summary": texts.prose(250 + int(scale * 1150), LIMITS["summary"] - 20),
        "background": texts.prose(350 + int(scale * 2550), LIMITS["background"] - 30),
        "objectives": objectives,
        "period": period,
        "areas": areas,
    }

    stakeholders = []
    for k, (name, s_kind) in enumerate(rng.sample(STAKEHOLDER_GROUPS, n_stakeholders)):
        group = {"id": "S%d" % (k + 1), "name": name + place(province), "kind": s_kind}
        if rng.random() < 0.8:
            group["count"] = rng.randint(10, 5000)
        stakeholders.append(group)
    application["stakeholders"] = stakeholders

    evidence_ids = ["E%d" % (k + 1) for k in range(n_evidence)]
    activity_evidence = [[] for _ in range(n_activities)]
    indicator_evidence = [[] for _ in range(n_indicators)]
    # Every evidence item is referenced: spread them over activities and indicators, then add a few extra refs.
    holders = [activity_evidence[k] for k in range(n_activities)] + [indicator_evidence[k] for k in range(n_indicators)]
    for k, eid in enumerate(evidence_ids):
        holders[rng.randrange(len(holders)) if k >= len(holders) else k % len(holders)].append(eid)
    for holder in holders:
        if rng.random() < 0.3:
            extra = rng.choice(evidence_ids)
            if extra not in holder:
                holder.append(extra)

    if app_type == "open-governance":
        allowed_levels = ["inform", "consult"]
    elif app_type == "effective-change":
        allowed_levels = LEVELS[1:]
    else:
        allowed_levels = LEVELS
    activity_span = max(1, last_activity_n - start_n)
    activity_days = sorted(start_n + rng.randint(0, activity_span) for _ in range(n_activities))
    activities = []
    for k in range(n_activities):
        level = rng.choice(allowed_levels)
        if app_type == "effective-change" and k == 0:
            level = rng.choice(["involve", "collaborate", "empower"])
        refs = sorted(rng.sample([g["id"] for g in stakeholders], rng.randint(1, min(3, n_stakeholders))),
                      key=lambda s: int(s[1:]))
        activity = {
            "id": "A%d" % (k + 1),
            "title": texts.fill(rng.choice(ACTIVITY_TITLES)),
            "stage": STAGES[min(k * len(STAGES) // n_activities, len(STAGES) - 1)],
            "level": level,
            "technique": rng.choice(TECHNIQUES),
            "date": iso(from_ordinal(activity_days[k])),
            "participants": rng.randint(15, 900),
            "stakeholderRefs": refs,
            "influence": texts.prose(80 + int(scale * 740), LIMITS["influence"] - 20, pool=INFLUENCE_SENTENCES),
        }
        if rng.random() < 0.15:
            del activity["technique"]
        if activity_evidence[k]:
            activity["evidenceRefs"] = activity_evidence[k]
        activities.append(activity)
    application["activities"] = activities

    start_be = start[0] + 543
    indicators = []
    for k in range(n_indicators):
        name, unit, direction = rng.choice(INDICATORS)
        baseline_year = start_be - rng.randint(0, 1)
        baseline = float(rng.randint(50, 5000))
        step = baseline * rng.uniform(0.05, 0.25)
        sign = 1 if direction == "increase" else -1
        years = list(range(baseline_year + 1, min(AWARD_YEAR, baseline_year + 4) + 1))
        measurements = []
        value = baseline
        for y in years:
            value = value + sign * step * rng.uniform(0.5, 1.2)
            value = max(value, 1.0)
            measurements.append({"year": y, "value": round(value, 1)})
        target = round(baseline + sign * step * (len(years) + 1), 1)
        if direction == "decrease":
            target = max(0.5, min(target, baseline - 1))
        indicator = {
            "id": "K%d" % (k + 1),
            "name": name,
            "unit": unit,
            "direction": direction,
            "objectiveRef": objectives[k % n_objectives]["id"],
            "baseline": {"year": baseline_year, "value": baseline},
            "target": target,
            "measurements": measurements,
        }
        if rng.random() < 0.6:
            indicator["comparisons"] = [
                {"label": label, "value": round(baseline * rng.uniform(0.7, 1.3), 1)}
                for label in rng.sample(COMPARISON_LABELS, rng.randint(1, 2))
            ]
        if indicator_evidence[k]:
            indicator["evidenceRefs"] = indicator_evidence[k]
        indicators.append(indicator)
    application["indicators"] = indicators

    application["sustainability"] = texts.prose(150 + int(scale * 1650), LIMITS["sustainability"] - 30)
    application["lessons"] = texts.prose(150 + int(scale * 1650), LIMITS["lessons"] - 30)

    evidence = []
    for k, eid in enumerate(evidence_ids):
        e_kind, e_title, ext = EVIDENCE_TITLES[(k + rng.randint(0, 3)) % len(EVIDENCE_TITLES)]
        item = {"id": eid, "kind": e_kind, "title": "%s %s" % (e_title, topic)}
        roll = rng.random()
        if roll < 0.5:
            item["uri"] = "https://www.%s/psea/%d/%s/%s.%s" % (domain, AWARD_YEAR, app_id.lower(), eid.lower(), ext)
        elif roll < 0.85:
            item["uri"] = "evidence/%s.%s" % (eid.lower(), ext)
        if "uri" in item and rng.random() < 0.7:
            item["sha256"] = hashlib.sha256(("%s/%s/%s" % (seed, app_id, eid)).encode()).hexdigest()
        evidence.append(item)
    application["evidence"] = evidence
    if FORMAT_VERSION == 2:
        application["responses"] = [
            {"criterion": criterion, "text": texts.prose(20 + int(scale * 730), limit - 30),
             "evidenceRefs": rng.sample(evidence_ids, min(len(evidence_ids), rng.randint(1, 2)))}
            for criterion, limit in ANSWERED[app_type]
        ]
    application["declaration"] = {
        "signedBy": person(rng),
        "position": rng.choice(HEAD_POSITIONS),
        "date": iso(declaration),
    }
    return application


def contract_problems(app):
    """What in `app` breaks the contract or the conventions this generator promises (empty when valid).
    A guard against generator bugs: every application is checked before it is written."""
    problems = []
    ids = []
    ids += [o["id"] for o in app["work"]["objectives"]]
    ids += [g["id"] for g in app["stakeholders"]] + [a["id"] for a in app["activities"]]
    ids += [k["id"] for k in app["indicators"]] + [e["id"] for e in app["evidence"]]
    if len(ids) != len(set(ids)):
        problems.append("duplicate ids")
    stakeholders = {g["id"] for g in app["stakeholders"]}
    evidence = {e["id"] for e in app["evidence"]}
    objectives = {o["id"] for o in app["work"]["objectives"]}
    used = set()
    period = app["work"]["period"]
    for activity in app["activities"]:
        if not activity["stakeholderRefs"] or not set(activity["stakeholderRefs"]) <= stakeholders:
            problems.append("stakeholderRefs of " + activity["id"])
        used |= set(activity.get("evidenceRefs", []))
        if not period["start"] <= activity["date"] <= period.get("end", "9999"):
            problems.append("date of " + activity["id"])
        if len(activity.get("influence", "")) > LIMITS["influence"]:
            problems.append("influence of " + activity["id"])
    levels = [LEVELS.index(a["level"]) for a in app["activities"]]
    if app["type"] == "open-governance" and max(levels) > 1:
        problems.append("open-governance above consult")
    if app["type"] == "effective-change" and (max(levels) < 2 or not any(k["measurements"] for k in app["indicators"])):
        problems.append("effective-change without involve+ or a measured indicator")
    if app["type"] != "open-governance" and not app["indicators"]:
        problems.append("no indicator")
    if app["type"] == "participation-expanded" and not app.get("previousAward", {}).get("year", 9999) < app["awardYear"]:
        problems.append("previousAward")
    for indicator in app["indicators"]:
        used |= set(indicator.get("evidenceRefs", []))
        if indicator.get("objectiveRef", "O1") not in objectives:
            problems.append("objectiveRef of " + indicator["id"])
        years = [indicator["baseline"]["year"]] + [m["year"] for m in indicator["measurements"]]
        if years != sorted(set(years)) or not all(2500 <= y <= 2700 for y in years):
            problems.append("years of " + indicator["id"])
        baseline, target = indicator["baseline"]["value"], indicator.get("target")
        if target is not None and (target <= baseline if indicator["direction"] == "increase" else target >= baseline):
            problems.append("target of " + indicator["id"])
    if used != evidence:
        problems.append("evidence referenced: %s" % sorted(evidence ^ used))
    for item in app["evidence"]:
        sha = item.get("sha256")
        if sha is not None and (len(sha) != 64 or sha.strip("0123456789abcdef")):
            problems.append("sha256 of " + item["id"])
        uri = item.get("uri")
        if uri is not None and not (uri.startswith("https://") or (not uri.startswith("/") and ":" not in uri and ".." not in uri)):
            problems.append("uri of " + item["id"])
    agency = app["agency"]
    if agency["kind"] in ("central-department", "provincial-office") and not agency.get("ministry"):
        problems.append("ministry")
    if agency["kind"] in ("province", "provincial-office", "local-administration") and not agency.get("province"):
        problems.append("province")
    for name in [agency.get("province")] + app["work"].get("areas", []):
        if name is not None and name not in PROVINCES:
            problems.append("province name " + name)
    if not app["declaration"]["date"] <= app.get("submittedAt", "9999")[:10]:
        problems.append("declaration after submission")
    if period.get("end", "9999") < period["start"]:
        problems.append("period")
    for key, field in (("title", app["work"]["title"]), ("summary", app["work"]["summary"]),
                       ("background", app["work"]["background"]), ("sustainability", app.get("sustainability", "")),
                       ("lessons", app.get("lessons", ""))):
        if len(field) > LIMITS[key] or not field.strip():
            problems.append("length of " + key)
    if any(len(o["text"]) > LIMITS["objective"] for o in app["work"]["objectives"]):
        problems.append("length of an objective")
    return problems


def number(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def attr(name, value):
    if isinstance(value, (int, float)):
        value = number(value)
    return ' %s="%s"' % (name, xml_escape(value, {'"': "&quot;"}))


def element(name, text, indent):
    return "%s<%s>%s</%s>\n" % (indent, name, xml_escape(text), name)


def to_xml(app):
    """The application in the contract's XML shape, children in contract order."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<application xmlns="urn:psea:application:%d" schemaVersion="%d">\n' % (FORMAT_VERSION, FORMAT_VERSION)]
    i1, i2, i3, i4 = "  ", "    ", "      ", "        "
    for key in ("id", "awardYear", "category", "type", "submittedAt"):
        if key in app:
            out.append(element(key, str(app[key]), i1))
    agency = app["agency"]
    out.append("%s<agency%s>\n" % (i1, attr("kind", agency["kind"])))
    for key in ("name", "nameEn", "ministry", "province"):
        if key in agency:
            out.append(element(key, agency[key], i2))
    out.append("%s</agency>\n" % i1)
    out.append("%s<contact>\n" % i1)
    for key in ("name", "position", "email", "phone"):
        if key in app["contact"]:
            out.append(element(key, app["contact"][key], i2))
    out.append("%s</contact>\n" % i1)
    if "previousAward" in app:
        prev = app["previousAward"]
        out.append("%s<previousAward%s%s>\n" % (i1, attr("year", prev["year"]), attr("type", prev["type"])))
        out.append(element("title", prev["title"], i2))
        out.append("%s</previousAward>\n" % i1)
    work = app["work"]
    out.append("%s<work>\n" % i1)
    for key in ("title", "summary", "background"):
        out.append(element(key, work[key], i2))
    out.append("%s<objectives>\n" % i2)
    for objective in work["objectives"]:
        out.append("%s<objective%s>%s</objective>\n" % (i3, attr("id", objective["id"]), xml_escape(objective["text"])))
    out.append("%s</objectives>\n" % i2)
    period = work["period"]
    out.append("%s<period%s%s/>\n" % (i2, attr("start", period["start"]), attr("end", period["end"]) if "end" in period else ""))
    if "areas" in work:
        out.append("%s<areas>\n" % i2)
        for area in work["areas"]:
            out.append(element("area", area, i3))
        out.append("%s</areas>\n" % i2)
    out.append("%s</work>\n" % i1)
    out.append("%s<stakeholders>\n" % i1)
    for group in app["stakeholders"]:
        attrs = attr("id", group["id"]) + attr("kind", group["kind"])
        if "count" in group:
            attrs += attr("count", group["count"])
        out.append("%s<group%s>%s</group>\n" % (i2, attrs, xml_escape(group["name"])))
    out.append("%s</stakeholders>\n" % i1)
    out.append("%s<activities>\n" % i1)
    for activity in app["activities"]:
        attrs = attr("id", activity["id"]) + attr("stage", activity["stage"]) + attr("level", activity["level"])
        attrs += attr("date", activity["date"])
        if "participants" in activity:
            attrs += attr("participants", activity["participants"])
        attrs += attr("stakeholderRefs", " ".join(activity["stakeholderRefs"]))
        if activity.get("evidenceRefs"):
            attrs += attr("evidenceRefs", " ".join(activity["evidenceRefs"]))
        out.append("%s<activity%s>\n" % (i2, attrs))
        for key in ("title", "technique", "influence"):
            if key in activity:
                out.append(element(key, activity[key], i3))
        out.append("%s</activity>\n" % i2)
    out.append("%s</activities>\n" % i1)
    out.append("%s<indicators>\n" % i1)
    for indicator in app["indicators"]:
        attrs = attr("id", indicator["id"]) + attr("unit", indicator["unit"]) + attr("direction", indicator["direction"])
        if "objectiveRef" in indicator:
            attrs += attr("objectiveRef", indicator["objectiveRef"])
        if indicator.get("evidenceRefs"):
            attrs += attr("evidenceRefs", " ".join(indicator["evidenceRefs"]))
        out.append("%s<indicator%s>\n" % (i2, attrs))
        out.append(element("name", indicator["name"], i3))
        baseline = indicator["baseline"]
        out.append("%s<baseline%s%s/>\n" % (i3, attr("year", baseline["year"]), attr("value", baseline["value"])))
        if "target" in indicator:
            out.append("%s<target%s/>\n" % (i3, attr("value", indicator["target"])))
        for m in indicator["measurements"]:
            out.append("%s<measurement%s%s/>\n" % (i3, attr("year", m["year"]), attr("value", m["value"])))
        for c in indicator.get("comparisons", []):
            out.append("%s<comparison%s%s/>\n" % (i3, attr("label", c["label"]), attr("value", c["value"])))
        out.append("%s</indicator>\n" % i2)
    out.append("%s</indicators>\n" % i1)
    for key in ("sustainability", "lessons"):
        if key in app:
            out.append(element(key, app[key], i1))
    out.append("%s<evidence>\n" % i1)
    for item in app["evidence"]:
        attrs = attr("id", item["id"]) + attr("kind", item["kind"])
        for key in ("uri", "sha256"):
            if key in item:
                attrs += attr(key, item[key])
        out.append("%s<item%s>%s</item>\n" % (i2, attrs, xml_escape(item["title"])))
    out.append("%s</evidence>\n" % i1)
    if "responses" in app:
        out.append("%s<responses>\n" % i1)
        for r in app["responses"]:
            attrs = attr("criterion", r["criterion"]) + attr("evidenceRefs", " ".join(r["evidenceRefs"]))
            out.append("%s<response%s>%s</response>\n" % (i2, attrs, xml_escape(r["text"])))
        out.append("%s</responses>\n" % i1)
    d = app["declaration"]
    out.append("%s<declaration%s%s%s/>\n" % (i1, attr("signedBy", d["signedBy"]), attr("position", d["position"]), attr("date", d["date"])))
    out.append("</application>\n")
    del i4
    return "".join(out)


def json_numbers(value):
    """Whole floats written as integers (3000, not 3000.0), as an applicant would."""
    if isinstance(value, dict):
        return {k: json_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_numbers(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def to_json(app):
    return json.dumps(json_numbers(app), ensure_ascii=False, indent=2) + "\n"


def render(index, seed, min_bytes=MIN_BYTES, max_bytes=MAX_BYTES):
    """(file name, bytes) of application `index`: a random scale spreads sizes over 5-40 KB; a scale whose file
    falls outside `min_bytes`-`max_bytes` is halved towards the range until it fits."""
    rng = random.Random("psea-bench-size:%s:%d" % (seed, index))
    ext = "xml" if index % 2 == 1 else "json"
    writer = to_xml if ext == "xml" else to_json
    low, high = 0.0, 1.0
    scale = rng.random() ** 1.5
    # Twelve halvings find the 5-40 KB range; a narrow range may need a few more (the first twelve are the same).
    for _ in range(24):
        application = make_application(index, seed, scale)
        problems = contract_problems(application)
        if problems:
            raise SystemExit("internal error: application %d breaks the contract: %s" % (index, "; ".join(problems)))
        data = writer(application).encode("utf-8")
        if len(data) > max_bytes:
            high = scale
        elif len(data) < min_bytes:
            low = scale
        else:
            return "PG-%d-%06d.%s" % (AWARD_YEAR, index, ext), data
        scale = (low + high) / 2
    raise SystemExit("internal error: could not size application %d into %d-%d bytes" % (index, min_bytes, max_bytes))


def write_one(task):
    """Writes application `index` into `out_dir`; returns (file name, size in bytes)."""
    global FORMAT_VERSION
    index, seed, out_dir, min_bytes, max_bytes, FORMAT_VERSION = task
    name, data = render(index, seed, min_bytes, max_bytes)
    with open(os.path.join(out_dir, name), "wb") as handle:
        handle.write(data)
    return name, len(data)


JUDGE_MINISTRIES = [
    "กระทรวงมหาดไทย", "กระทรวงสาธารณสุข", "กระทรวงเกษตรและสหกรณ์", "กระทรวงการคลัง", "สำนักนายกรัฐมนตรี",
    "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม", "", "",
]
JUDGE_AGENCIES = [
    "สำนักงาน ก.พ.ร.", "มหาวิทยาลัยธรรมศาสตร์", "จุฬาลงกรณ์มหาวิทยาลัย", "สถาบันพระปกเกล้า",
    "มหาวิทยาลัยขอนแก่น", "ผู้ทรงคุณวุฒิอิสระ", "มหาวิทยาลัยเชียงใหม่", "มหาวิทยาลัยสงขลานครินทร์",
]


def write_judges(path, count, seed):
    """judges.csv: id,name,ministry,province,agency. Most judges are from OPDC, universities or independent, so
    conflicts of interest with applicants are the exception."""
    rng = random.Random("psea-bench-judges:%s" % seed)
    width = max(3, len(str(count)))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "name", "ministry", "province", "agency"])
        for k in range(1, count + 1):
            ministry = rng.choice(JUDGE_MINISTRIES)
            province = rng.choice(PROVINCES) if rng.random() < 0.3 else ""
            name = person(rng)
            if k % 5 == 0:
                name = "ศ.ดร.%s %s" % (rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES))
            writer.writerow(["J%0*d" % (width, k), name, ministry, province, rng.choice(JUDGE_AGENCIES)])


def main(argv=None):
    parser = argparse.ArgumentParser(description="Generate valid psea applications for benchmarks.")
    parser.add_argument("count", type=int, help="number of applications (half XML, half JSON)")
    parser.add_argument("out_dir", help="folder to write (created if missing)")
    parser.add_argument("--seed", default="1", help="seed; the same seed gives byte-identical files")
    parser.add_argument("--judges", type=int, default=0, help="also write judges.csv with this many judges")
    parser.add_argument("--per-entry", type=int, default=5, help="judges per entry the round will assign")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (output is the same for any number)")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument("--format-version", type=int, choices=(1, 2), default=2,
                        help="application format: 2 (answers per judged criterion, the default) or 1")
    parser.add_argument("--bytes", default="%d-%d" % (MIN_BYTES, MAX_BYTES),
                        help="size range of every file, LOW-HIGH in bytes (default %(default)s)")
    args = parser.parse_args(argv)
    try:
        min_bytes, max_bytes = (int(part) for part in args.bytes.split("-"))
    except ValueError:
        parser.error("--bytes must be LOW-HIGH in bytes, e.g. 10000-13000")
    if not MIN_BYTES <= min_bytes < max_bytes <= MAX_BYTES or max_bytes - min_bytes < 1000:
        parser.error("--bytes must lie within %d-%d and span at least 1000 bytes" % (MIN_BYTES, MAX_BYTES))
    if args.count < 1:
        parser.error("N must be at least 1")
    if args.judges and args.judges < args.per_entry:
        parser.error("--judges must be at least --per-entry")
    if args.count > 999999:
        parser.error("N must be at most 999999")
    os.makedirs(args.out_dir, exist_ok=True)
    tasks = [(index, args.seed, args.out_dir, min_bytes, max_bytes, args.format_version) for index in range(1, args.count + 1)]
    with open(os.path.join(args.out_dir, "manifest.csv"), "w", encoding="utf-8", newline="") as manifest:
        rows = csv.writer(manifest, lineterminator="\n")
        rows.writerow(["file", "id", "type", "agencyKind", "bytes"])
        pool = multiprocessing.Pool(args.jobs) if args.jobs > 1 else None
        results = pool.imap(write_one, tasks, chunksize=32) if pool else map(write_one, tasks)
        for index, (name, size) in enumerate(results, start=1):
            rows.writerow([name, name.rsplit(".", 1)[0], type_of(index), kind_of(index), size])
            if not args.quiet and index % 5000 == 0:
                print("generated %d/%d" % (index, args.count), file=sys.stderr)
        if pool:
            pool.close()
            pool.join()
    if args.judges:
        write_judges(os.path.join(args.out_dir, "judges.csv"), args.judges, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
