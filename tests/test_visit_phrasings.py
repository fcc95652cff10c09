"""Visit phrasings written by us, beyond those of the dev articles.

Each row: one or two sentences in the register of district portals, and the visits an
analyst would record (visitor, host, first day, leader, purpose). Units are real, people
and events invented.
"""

from __future__ import annotations

import pandas as pd
import pytest
import vnpov

CASES = [
    # the visitor writes, host after `tại`
    (
        "Ngày 12/3/2024, Đoàn công tác huyện Mường Khương (Lào Cai) do đồng chí Lù Văn Páo - "
        "Phó Chủ tịch UBND huyện làm trưởng đoàn đã tham quan, học tập kinh nghiệm giảm nghèo "
        "tại huyện Bảo Lạc, tỉnh Cao Bằng.",
        [("Mường Khương", "Bảo Lạc", "2024-03-12", "Lù Văn Páo", "study")],
    ),
    # the host writes, the visitor's unit right after `Đoàn công tác`
    (
        "Chiều ngày 5/2/2024, UBND tỉnh Lâm Đồng tiếp Đoàn công tác tỉnh Ninh Thuận do ông Trần Văn An, "
        "Phó Chủ tịch UBND tỉnh dẫn đầu.",
        [("Ninh Thuận", "Lâm Đồng", "2024-02-05", "Trần Văn An", "working")],
    ),
    # the host writes, `của` before the visitor
    (
        "Sáng 20/9/2023, huyện Krông Pa đã tiếp đoàn cán bộ của huyện Tây Giang, tỉnh Quảng Nam đến trao đổi "
        "kinh nghiệm thực hiện Chương trình MTQG giảm nghèo bền vững.",
        [("Tây Giang", "Krông Pa", "2023-09-20", None, "study")],
    ),
    # no preposition: the host owns the model the delegation studies
    (
        "Ngày 14/5/2024, Đoàn công tác huyện Quan Sơn (Thanh Hóa) do bà Lê Thị Hạnh, Phó Chủ tịch UBND "
        "huyện làm trưởng đoàn đã học tập mô hình trồng sắn và nuôi dê sinh sản của huyện Mường Lát.",
        [("Quan Sơn", "Mường Lát", "2024-05-14", "Lê Thị Hạnh", "study")],
    ),
    # ... but not the body on whose orders it goes (no host named: no visit)
    (
        "Ngày 14/5/2024, Đoàn công tác huyện Quan Sơn do bà Lê Thị Hạnh, Phó Chủ tịch UBND huyện làm "
        "trưởng đoàn đã đi học tập kinh nghiệm theo chỉ đạo của UBND tỉnh Thanh Hóa.",
        [],
    ),
    # the host's Party, government and people before its name
    (
        "Ngày 2/2/2024, đoàn công tác huyện Nậm Pồ (Điện Biên) do đồng chí Lò Văn Chiến, Bí thư Huyện ủy "
        "làm trưởng đoàn đã đến thăm, chúc Tết Đảng bộ, chính quyền và Nhân dân huyện Quan Hóa, tỉnh Thanh "
        "Hóa.",
        [("Nậm Pồ", "Quan Hóa", "2024-02-02", "Lò Văn Chiến", "working")],
    ),
    # the delegation is received (passive): the host's leaders before the verb
    (
        "Ngày 21/1/2021, đoàn cán bộ huyện Kông Chro (Gia Lai) đã được lãnh đạo huyện Bác Ái, tỉnh "
        "Ninh Thuận đón tiếp, giới thiệu về kết quả giảm nghèo trong chuyến tham quan, học tập kinh "
        "nghiệm tại địa phương.",
        [("Kông Chro", "Bác Ái", "2021-01-21", None, "study")],
    ),
    # a visit without a preposition: `thăm, chúc Tết huyện Y`
    (
        "Ngày 3/2/2024, đồng chí Nguyễn Văn Bình, Bí thư Tỉnh ủy Quảng Nam cùng đoàn công tác của tỉnh đã "
        "đến thăm, chúc Tết huyện Nam Trà My.",
        [("Quảng Nam", "Nam Trà My", "2024-02-03", "Nguyễn Văn Bình", "working")],
    ),
    # a tour of three provinces, a title before the leader's name
    (
        "Từ ngày 8 - 12/4/2024, Đoàn công tác tỉnh Hà Giang do Phó Chủ tịch UBND tỉnh Hoàng Gia Long làm "
        "trưởng đoàn đã khảo sát mô hình sinh kế tại các tỉnh Sơn La, Điện Biên và Lai Châu.",
        [
            ("Hà Giang", "Sơn La", "2024-04-08", "Hoàng Gia Long", "inspection"),
            ("Hà Giang", "Điện Biên", "2024-04-08", "Hoàng Gia Long", "inspection"),
            ("Hà Giang", "Lai Châu", "2024-04-08", "Hoàng Gia Long", "inspection"),
        ],
    ),
    # a mass organisation of a unit, a province named without its level word
    (
        "Từ ngày 10/10 đến ngày 13/10/2023, Hội Nông dân tỉnh Bến Tre tổ chức đoàn 30 hội viên tham quan, "
        "học tập mô hình nông nghiệp sạch tại Lâm Đồng.",
        [("Bến Tre", "Lâm Đồng", "2023-10-10", None, "study")],
    ),
    # a commune-to-commune visit after the July 2025 reform
    (
        "Ngày 4/11/2025, Đoàn công tác xã Mù Cang Chải do đồng chí Giàng A Tủa - Chủ tịch UBND xã làm "
        "trưởng đoàn đã đến học tập kinh nghiệm tại xã Bắc Hà, tỉnh Lào Cai.",
        [("Mù Cang Chải", "Bắc Hà", "2025-11-04", "Giàng A Tủa", "study")],
    ),
    # after the reform a commune is the unit a delegation visits: two communes, two visits
    (
        "Ngày 10/10/2025, Đoàn công tác xã Đồng Yên (tỉnh Tuyên Quang) do ông Hoàng Văn Lực, Chủ tịch "
        "UBND xã làm trưởng đoàn đã đến tham quan, học tập kinh nghiệm giảm nghèo tại xã Đức Trọng và "
        "xã Hiệp Thạnh, tỉnh Lâm Đồng.",
        [
            ("Đồng Yên", "Đức Trọng", "2025-10-10", "Hoàng Văn Lực", "study"),
            ("Đồng Yên", "Hiệp Thạnh", "2025-10-10", "Hoàng Văn Lực", "study"),
        ],
    ),
    # a district, then a commune of another province: each a host
    (
        "Ngày 15/4/2024, Đoàn công tác tỉnh Bình Thuận do ông Lê Minh Tâm, Phó Chủ tịch UBND tỉnh dẫn "
        "đầu đã học tập kinh nghiệm xây dựng nông thôn mới tại huyện Chợ Gạo (Tiền Giang) và xã Mỹ "
        "Khánh (Cần Thơ).",
        [
            ("Bình Thuận", "Chợ Gạo", "2024-04-15", "Lê Minh Tâm", "study"),
            ("Bình Thuận", "Mỹ Khánh", "2024-04-15", "Lê Minh Tâm", "study"),
        ],
    ),
    # a commune of the host district is a stop of the visit, named before the district or after
    (
        "Ngày 9/5/2024, Đoàn công tác huyện Ba Tơ (Quảng Ngãi) đã tham quan mô hình trồng cà phê tại "
        "xã Hiệp Thạnh và làm việc tại huyện Đức Trọng, tỉnh Lâm Đồng.",
        [("Ba Tơ", "Đức Trọng", "2024-05-09", None, "study")],
    ),
    (
        "Ngày 9/5/2024, Đoàn công tác huyện Ba Tơ (Quảng Ngãi) đã đến học tập kinh nghiệm giảm nghèo "
        "tại huyện Đức Trọng, tỉnh Lâm Đồng. Đoàn đã tham quan mô hình trồng cà phê tại xã Hiệp Thạnh "
        "và xã Ninh Gia.",
        [("Ba Tơ", "Đức Trọng", "2024-05-09", None, "study")],
    ),
    # the host first, after the opening date: `Ngày …, tại huyện X, đoàn … của huyện Y`
    (
        "Chiều ngày 14/3/2024, tại huyện Quế Phong, đoàn công tác của huyện Kỳ Sơn (Nghệ An) do ông "
        "Lô Văn Tám, Phó Chủ tịch UBND huyện làm trưởng đoàn đã có buổi làm việc, trao đổi kinh "
        "nghiệm về giảm nghèo.",
        [("Kỳ Sơn", "Quế Phong", "2024-03-14", "Lô Văn Tám", "study")],
    ),
    # the same after an opening word of time, the day written after the host
    (
        "Vừa qua, tại huyện Mèo Vạc, Đoàn cán bộ của huyện Đồng Văn đã trao đổi kinh nghiệm giảm "
        "nghèo trong hai ngày 5 - 6/9/2024.",
        [("Đồng Văn", "Mèo Vạc", "2024-09-05", None, "study")],
    ),
    # an inspection `trên địa bàn` of a unit: that unit is the host
    (
        "Ngày 12/6/2024, đoàn giám sát của Ban Dân tộc HĐND tỉnh Lào Cai do ông Sùng Chúng, Phó Trưởng "
        "ban làm trưởng đoàn đã giám sát việc thực hiện chính sách dân tộc trên địa bàn huyện Si Ma Cai.",
        [("Lào Cai", "Si Ma Cai", "2024-06-12", "Sùng Chúng", "inspection")],
    ),
    # a national office as the visitor
    (
        "Ngày 12/6/2024, đoàn khảo sát của Văn phòng Điều phối nông thôn mới Trung ương do ông Trần "
        "Quang Vinh, Chánh Văn phòng dẫn đầu đã khảo sát kết quả xây dựng nông thôn mới tại huyện "
        "Bình Liêu, tỉnh Quảng Ninh.",
        [("Văn phòng Điều phối NTM Trung ương", "Bình Liêu", "2024-06-12", "Trần Quang Vinh", "inspection")],
    ),
    # a title that names no purpose (`tiếp đoàn`): the body's
    (
        "Huyện Kbang tiếp đoàn công tác huyện Kon Plông\nNgày 17/7/2024, ông Nguyễn Văn Tú, Phó Chủ "
        "tịch UBND huyện Kbang đã tiếp đoàn công tác huyện Kon Plông, tỉnh Kon Tum đến tham quan, học "
        "tập kinh nghiệm phát triển du lịch sinh thái.",
        [("Kon Plông", "KBang", "2024-07-17", None, "study")],
    ),
    # a district's delegation: the title's province, the body's district in it; the district
    (
        "Huyện Đà Bắc tham quan mô hình hợp tác xã tại Lâm Đồng\nĐoàn cán bộ huyện Đà Bắc, tỉnh Hòa "
        "Bình tham quan mô hình kinh tế hợp tác xã ở huyện Đơn Dương, tỉnh Lâm Đồng từ ngày "
        "20-22/3/2024. Đoàn do ông Bùi Văn Khương, Phó Bí thư Huyện ủy dẫn đầu.",
        [("Đà Bắc", "Đơn Dương", "2024-03-20", "Bùi Văn Khương", "study")],
    ),
    # a province's delegation keeps the province: the units of it are stops of the tour
    (
        "Tỉnh Gia Lai học tập kinh nghiệm tại tỉnh Lâm Đồng\nNgày 15/9/2023, đoàn công tác tỉnh Gia Lai "
        "đã đến thăm và học tập kinh nghiệm giảm nghèo tại tỉnh Lâm Đồng. Đoàn đã đến thăm mô hình "
        "trồng cà phê tại xã Hiệp Thạnh, huyện Đức Trọng.",
        [("Gia Lai", "Lâm Đồng", "2023-09-15", None, "study")],
    ),
    # a foreign delegation
    (
        "Ngày 18/6/2024, Đoàn đại biểu tỉnh Hủa Phăn (nước CHDCND Lào) do đồng chí Khăm Phăn Sỉ Sa Vắt, "
        "Phó Tỉnh trưởng làm trưởng đoàn đã sang thăm và làm việc tại tỉnh Thanh Hóa.",
        [("Hủa Phăn", "Thanh Hóa", "2024-06-18", None, "working")],
    ),
    # an agency inspects a district
    (
        "Ngày 7/8/2024, Đoàn công tác của Bộ Lao động - Thương binh và Xã hội đã kiểm tra "
        "tình hình thực hiện chính sách giảm nghèo tại huyện Mường Nhé.",
        [("Bộ LĐTBXH", "Mường Nhé", "2024-08-07", None, "inspection")],
    ),
    # a trip written as motion (`sẽ đến`), then more stops after a second preposition
    (
        "Từ ngày 2 đến 6/12/2024, Đoàn đại biểu người có uy tín tỉnh Kon Tum sẽ đến Hà Nội dự lễ "
        "tuyên dương, sau đó đến các tỉnh Ninh Bình, Nam Định tìm hiểu cách làm kinh tế.",
        [
            ("Kon Tum", "Hà Nội", "2024-12-02", None, "study"),
            ("Kon Tum", "Ninh Bình", "2024-12-02", None, "study"),
            ("Kon Tum", "Nam Định", "2024-12-02", None, "study"),
        ],
    ),
    # the trip before the verb it serves, the agency inside a title written in lower case
    (
        "Ngày 9/10/2024, ông Lê Văn Tâm, Chánh văn phòng Quốc gia về giảm nghèo cùng cán bộ của Văn phòng "
        "tới huyện Tu Mơ Rông, tỉnh Kon Tum để khảo sát các mô hình sinh kế.",
        [("Văn phòng Quốc gia về giảm nghèo", "Tu Mơ Rông", "2024-10-09", "Lê Văn Tâm", "inspection")],
    ),
    # an unnamed `Tỉnh đoàn` speaks for the province the article names
    (
        "Ngày 15/3/2024, Tỉnh đoàn tổ chức cho 40 đoàn viên tham quan mô hình trồng rau công nghệ cao "
        "tại Lâm Đồng. Chuyến đi góp phần vào phong trào Tuổi trẻ Bình Thuận lập nghiệp.",
        [("Bình Thuận", "Lâm Đồng", "2024-03-15", None, "study")],
    ),
    # the host is the unit that invited the delegation
    (
        "Nhận lời mời của UBND tỉnh Bắc Kạn, ngày 22/3/2024, Đoàn công tác tỉnh Thái Nguyên đã sang thăm "
        "và làm việc.",
        [("Thái Nguyên", "Bắc Kạn", "2024-03-22", None, "working")],
    ),
    # a purpose clause before the subject: its verb is not the visit's
    (
        "Nhằm học tập kinh nghiệm thực hiện Chương trình MTQG giảm nghèo bền vững, từ ngày 15 - 17/5/2023, "
        "huyện Bảo Lâm (Cao Bằng) đã tổ chức đoàn đi tham quan tại huyện Bắc Hà, tỉnh Lào Cai.",
        [("Bảo Lâm", "Bắc Hà", "2023-05-15", None, "study")],
    ),
    # a district abolished since (merged into Phú Lộc in 2025) keeps its name
    (
        "Ngày 1/4/2023, đoàn công tác huyện Đakrông (Quảng Trị) do đồng chí Hồ Thị Thu Hằng, Chủ tịch "
        "UBND huyện làm trưởng đoàn đã đến học tập kinh nghiệm tại huyện Nam Đông, tỉnh Thừa Thiên Huế.",
        [("Đa Krông", "Nam Đông", "2023-04-01", "Hồ Thị Thu Hằng", "study")],
    ),
    # two communes of the 2025 map, the host writes
    (
        "Ngày 14/1/2026, UBND xã Lùng Phình đã tiếp Đoàn công tác của UBND xã Bản Lầu đến trao đổi kinh "
        "nghiệm trong công tác giảm nghèo.",
        [("Bản Lầu", "Lùng Phình", "2026-01-14", None, "study")],
    ),
    # a list after a singular level word: each name the gazetteer knows at that level
    (
        "Ngày 5/7/2024, đoàn công tác của huyện Mèo Vạc (Hà Giang) đã đến học tập kinh nghiệm tại "
        "huyện Đơn Dương, Đức Trọng và Lâm Hà, tỉnh Lâm Đồng.",
        [
            ("Mèo Vạc", "Đơn Dương", "2024-07-05", None, "study"),
            ("Mèo Vạc", "Đức Trọng", "2024-07-05", None, "study"),
            ("Mèo Vạc", "Lâm Hà", "2024-07-05", None, "study"),
        ],
    ),
    # … but a province's name after a district is its province, not its capital city
    (
        "Ngày 8/8/2024, đoàn công tác huyện Đơn Dương đã đến học tập kinh nghiệm tại huyện Mèo Vạc, "
        "Hà Giang.",
        [("Đơn Dương", "Mèo Vạc", "2024-08-08", None, "study")],
    ),
    # an earlier trip mentioned in passing, and a plan, are not visits
    ("Trước đó, đoàn công tác huyện Bảo Lâm đã tham quan mô hình tại huyện Lạc Dương.", []),
    ("Dự kiến tháng 10, đoàn công tác huyện Bảo Lâm sẽ tham quan mô hình tại huyện Lạc Dương.", []),
    # a headline's `làm việc` leaves the purpose to the body
    (
        "Đoàn công tác của UBND tỉnh làm việc tại xã Tà Tổng\n"
        "Ngày 5/11/2025, đoàn công tác của UBND tỉnh Lai Châu đã kiểm tra tiến độ xây dựng nhà ở cho hộ "
        "nghèo tại xã Tà Tổng.",
        [("Lai Châu", "Tà Tổng", "2025-11-05", None, "inspection")],
    ),
    # a joint delegation: one visit per unit that sends it
    (
        "Ngày 25/7/2024, đoàn công tác của huyện Mường Tè và huyện Nậm Nhùn, tỉnh Lai Châu đã đến tham "
        "quan, học tập kinh nghiệm tại huyện Mường Nhé, tỉnh Điện Biên.",
        [
            ("Mường Tè", "Mường Nhé", "2024-07-25", None, "study"),
            ("Nậm Nhùn", "Mường Nhé", "2024-07-25", None, "study"),
        ],
    ),
    (
        "Ngày 26/11/2025, đoàn công tác xã Lâm Bình và xã Thượng Lâm (Tuyên Quang) đã tham quan, học tập "
        "kinh nghiệm phát triển du lịch tại xã Quảng Sơn, tỉnh Lâm Đồng.",
        [
            ("Lâm Bình", "Quảng Sơn", "2025-11-26", None, "study"),
            ("Thượng Lâm", "Quảng Sơn", "2025-11-26", None, "study"),
        ],
    ),
    # a qualifier between the level word and the name (`huyện kết nghĩa`, `huyện bạn`)
    (
        "Ngày 6/2/2024, đoàn công tác huyện Cư Jút (Đắk Nông) đã đến thăm, chúc Tết huyện kết nghĩa "
        "Ba Tơ, tỉnh Quảng Ngãi.",
        [("Cư Jút", "Ba Tơ", "2024-02-06", None, "working")],
    ),
    (
        "Ngày 20/5/2024, đoàn công tác huyện Cư Jút đã làm việc với huyện bạn Ba Tơ, tỉnh Quảng Ngãi.",
        [("Cư Jút", "Ba Tơ", "2024-05-20", None, "working")],
    ),
    # days listed with commas, and `đến hết ngày`
    (
        "Trong các ngày 18, 19 và 20/9/2024, đoàn công tác huyện Si Ma Cai đã tham quan, học tập "
        "kinh nghiệm tại huyện Hoàng Su Phì, tỉnh Hà Giang.",
        [("Si Ma Cai", "Hoàng Su Phì", "2024-09-18", None, "study")],
    ),
    # the date of the plan the trip carries out is not the trip's
    (
        "Thực hiện Kế hoạch số 37/KH-UBND ngày 4/3/2024 của UBND huyện Chợ Đồn, ngày 21/3/2024, đoàn "
        "công tác huyện đã đi học tập kinh nghiệm phát triển du lịch tại huyện Lâm Bình, tỉnh Tuyên Quang.",
        [("Chợ Đồn", "Lâm Bình", "2024-03-21", None, "study")],
    ),
    # a plan, a request or a count of past trips is not a visit, wherever its words stand
    # before the visit's verb
    (
        "UBND huyện Bảo Lâm ban hành kế hoạch tổ chức đoàn đi học tập kinh nghiệm giảm nghèo tại "
        "huyện Bắc Hà, tỉnh Lào Cai trong tháng 6/2024.",
        [],
    ),
    (
        "Trong thời gian tới, huyện Bảo Lâm sẽ tổ chức cho cán bộ đi học tập kinh nghiệm tại huyện "
        "Bắc Hà, tỉnh Lào Cai.",
        [],
    ),
    (
        "Huyện Bảo Lâm đề nghị tỉnh tạo điều kiện cho cán bộ đi học tập kinh nghiệm tại tỉnh Lào Cai.",
        [],
    ),
    (
        "Năm 2023, huyện Bảo Lâm đã tổ chức 2 đoàn đi học tập kinh nghiệm tại các tỉnh Lào Cai, Yên Bái.",
        [],
    ),
    (
        "Theo kế hoạch, ngày 10/11 tới, đoàn công tác tỉnh Cao Bằng sẽ đến tham quan, học tập kinh "
        "nghiệm phát triển du lịch tại xã Mèo Vạc, tỉnh Tuyên Quang.",
        [],
    ),
    (
        "Ngày 3/6/2024, UBND huyện Mường Ảng họp bàn kế hoạch đưa đoàn cán bộ đi học tập kinh nghiệm "
        "tại huyện Yên Châu (Sơn La).",
        [],
    ),
    # … but a trip with its day, and the request made during it, are
    (
        "Ngày 12/6/2024, đoàn công tác huyện Bảo Lâm đã đến làm việc tại huyện Bắc Hà, tỉnh Lào Cai và "
        "đề nghị huyện Bắc Hà chia sẻ kinh nghiệm.",
        [("Bảo Lâm", "Bắc Hà", "2024-06-12", None, "working")],
    ),
    # a meeting at home is not a visit
    (
        "Ngày 21/6/2024, Ban Chỉ đạo các Chương trình MTQG huyện Duyên Hải tổ chức hội nghị sơ kết 6 tháng "
        "đầu năm. Đồng chí Trương Minh Khoa, Chủ tịch UBND huyện chủ trì hội nghị.",
        [],
    ),
]


@pytest.mark.parametrize("text,want", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_visit_phrasings(text: str, want: list) -> None:
    v = vnpov.extract(text).visits
    got = [
        (
            r.visitor,
            r.host,
            None if pd.isna(r.start_date) else str(r.start_date)[:10],
            None if pd.isna(r.leader) else r.leader,
            str(r.purpose),
        )
        for r in v.itertuples()
    ]
    # the leader is checked only where the text names one
    got = [g if w[3] is not None else (*g[:3], None, g[4]) for g, w in zip(got, want, strict=False)] + got[
        len(want) :
    ]
    assert got == want


SIDES = [
    # the host's official named by an unnamed level word (`UBND huyện`) in a province-to-district
    # visit, with no side cue before the name
    (
        "Ngày 14/5/2024, Đoàn công tác tỉnh Sơn La do Phó Chủ tịch UBND tỉnh Đặng Ngọc Hậu dẫn đầu đã "
        "tham quan mô hình giảm nghèo tại huyện Mộc Châu. Buổi làm việc có sự tham dự của "
        "Phó Chủ tịch UBND huyện Lường Văn Minh.",
        {"Đặng Ngọc Hậu": "visitor", "Lường Văn Minh": "host"},
    ),
    # the official who opens the sentence and travels to a host is a visitor
    (
        "Ngày 3/6/2024, đồng chí Hà Văn Thắng, Phó Chủ tịch UBND tỉnh làm việc tại huyện Đà Bắc "
        "về tiến độ giải ngân vốn chương trình giảm nghèo.",
        {"Hà Văn Thắng": "visitor"},
    ),
]


@pytest.mark.parametrize("text,want", SIDES, ids=[f"sides{i}" for i in range(len(SIDES))])
def test_people_sides(text: str, want: dict) -> None:
    people = vnpov.extract(text).people
    got = {r.name: str(r.side) for r in people.itertuples()}
    assert {k: got.get(k) for k in want} == want


def test_program_is_what_the_delegation_came_to_learn() -> None:
    # `người có uy tín` describes the visitors; the program is the one after the verb
    text = (
        "Ngày 8/11/2023, đoàn 30 người có uy tín của huyện Kbang đã đến tham quan, học tập kinh nghiệm "
        "trong xây dựng nông thôn mới tại huyện Krông Năng, tỉnh Đắk Lắk."
    )
    v = vnpov.extract(text).visits
    assert v[["visitor", "host", "program"]].astype(str).values.tolist() == [
        ["KBang", "Krông Năng", "new_rural"]
    ]


def test_the_words_that_lead_end_the_leaders_title() -> None:
    # `dẫn đoàn` after the title, as `dẫn đầu` and `làm trưởng đoàn`: the leader, the title before it
    for lead in ("dẫn đoàn", "dẫn đầu", "làm trưởng đoàn"):
        text = (
            f"Ngày 12/6/2024, Đoàn công tác huyện Si Ma Cai (Lào Cai) do ông Giàng Seo Vần, Chủ tịch "
            f"UBND huyện {lead} đã học tập kinh nghiệm giảm nghèo tại huyện Hoàng Su Phì, tỉnh Hà Giang."
        )
        v = vnpov.extract(text).visits
        assert v[["leader", "leader_title"]].astype(str).values.tolist() == [
            ["Giàng Seo Vần", "Chủ tịch Ủy ban nhân dân huyện"]
        ], lead


@pytest.mark.parametrize(
    "office",
    [
        "Lao động - Thương binh và Xã hội",
        "Nông nghiệp và Phát triển nông thôn",
        "Dân tộc và Tôn giáo",
        "Kế hoạch và Đầu tư",
    ],
)
def test_an_office_whose_name_holds_va_ends_no_title(office: str) -> None:
    # the `và` of an office's name neither cuts the title nor loses the official listed after it
    text = (
        "Ngày 12/3/2024, Đoàn công tác huyện Bảo Lạc (Cao Bằng) đã đến làm việc tại huyện Mèo Vạc. Tiếp "
        f"và làm việc với đoàn có các đồng chí: Lê Xuân Dơ - Giám đốc Sở {office} tỉnh Hà Giang; Thào "
        "Xuân Long - Phó Bí thư Huyện ủy, Chủ tịch UBND huyện."
    )
    p = vnpov.extract(text).people
    assert p[["name", "title"]].values.tolist() == [
        ["Lê Xuân Dơ", f"Giám đốc Sở {office} tỉnh Hà Giang"],
        ["Thào Xuân Long", "Phó Bí thư Huyện ủy, Chủ tịch Ủy ban nhân dân huyện"],
    ]


@pytest.mark.parametrize(
    "members,leader",
    [
        # the head named after a more senior member, by the last part of their title
        (
            "Tham gia đoàn có đồng chí Sùng Seo Hồ, Bí thư Huyện ủy; đồng chí Lù Thị Mai, Phó Chủ tịch "
            "UBND huyện - Trưởng đoàn.",
            "Lù Thị Mai",
        ),
        (
            "Tham gia đoàn có đồng chí Sùng Seo Hồ – Bí thư Huyện ủy và đồng chí Lù Thị Mai – Phó Chủ "
            "tịch UBND huyện, trưởng đoàn công tác.",
            "Lù Thị Mai",
        ),
        # no head named: the most senior member, wherever named
        (
            "Tham gia đoàn có đồng chí Quàng Văn Thành - Trưởng phòng Dân tộc huyện; đồng chí Lù Thị Mai - "
            "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện.",
            "Lù Thị Mai",
        ),
        (
            "Cùng đi có bà Lù Thị Mai, Phó Giám đốc Sở Nông nghiệp và Phát triển nông thôn và ông Sùng Seo "
            "Hồ, Phó Chủ tịch UBND tỉnh.",
            "Sùng Seo Hồ",
        ),
        # equals: the first named
        (
            "Tham gia đoàn có đồng chí Quàng Văn Thành - Trưởng phòng Dân tộc huyện; đồng chí Lù Thị Mai - "
            "Trưởng phòng Nông nghiệp huyện.",
            "Quàng Văn Thành",
        ),
        # a deputy head, or the head of a standing delegation, is not the head of this one
        (
            "Tham gia đoàn có đồng chí Sùng Seo Hồ, Bí thư Huyện ủy; đồng chí Lù Thị Mai, Phó Chủ tịch "
            "UBND huyện, Phó trưởng đoàn.",
            "Sùng Seo Hồ",
        ),
    ],
)
def test_the_head_of_the_delegation_by_title(members: str, leader: str) -> None:
    text = (
        "Ngày 12/6/2024, đoàn công tác huyện Si Ma Cai (Lào Cai) đã học tập kinh nghiệm giảm nghèo tại "
        f"huyện Hoàng Su Phì, tỉnh Hà Giang. {members}"
    )
    assert vnpov.extract(text).visits["leader"].tolist() == [leader]


def test_the_host_written_as_the_articles_own_unit() -> None:
    # `tỉnh ta`, and after the reform `phường ta`: the unit the article speaks for
    for text, published, want in (
        (
            "Sáng 25/01/2024, đoàn công tác tỉnh Quảng Nam do ông Trần Văn Tân dẫn đầu đã đến thăm, chúc "
            "Tết tỉnh ta. Tiếp đoàn có ông A Pơ, Phó Chủ tịch UBND tỉnh Kon Tum.",
            "2024-01-26",
            [["Quảng Nam", "Kon Tum"]],
        ),
        (
            "Sáng 20/01/2026, đoàn công tác xã Hòa Vang do ông Lê Văn Dũng dẫn đầu đã đến thăm, chúc Tết "
            "phường ta. Tiếp đoàn có bà Nguyễn Thị Hoa, Chủ tịch UBND phường Hải Châu.",
            "2026-01-21",
            [["Hòa Vang", "Hải Châu"]],
        ),
    ):
        v = vnpov.extract([text], published=[published]).visits
        assert v[["visitor", "host"]].astype(str).values.tolist() == want, text


@pytest.mark.parametrize(
    "when,first,last",
    [
        ("Ngày 12, 13/3/2024", "2024-03-12", "2024-03-13"),
        ("Trong các ngày 18, 19 và 20/9/2024", "2024-09-18", "2024-09-20"),
        ("Từ ngày 05/6/2024 đến hết ngày 07/6/2024", "2024-06-05", "2024-06-07"),
        ("Từ ngày 5 đến hết 7/6/2024", "2024-06-05", "2024-06-07"),
    ],
)
def test_the_days_of_a_trip_written_as_a_list(when: str, first: str, last: str) -> None:
    v = vnpov.extract(
        f"{when}, đoàn công tác huyện Si Ma Cai đã tham quan mô hình giảm nghèo tại huyện Hoàng Su Phì, "
        "tỉnh Hà Giang."
    ).visits
    assert [(str(r.start_date)[:10], str(r.end_date)[:10]) for r in v.itertuples()] == [(first, last)]


@pytest.mark.parametrize(
    "where,host",
    [
        ("đã tham quan, học tập mô hình nông nghiệp công nghệ cao tại Vương quốc Thái Lan", "Thái Lan"),
        ("đã sang nước bạn Lào thăm và làm việc", "Lào"),
        ("đã sang Nhật Bản học tập kinh nghiệm sản xuất nông nghiệp sạch", "Nhật Bản"),
        ("đã thăm, làm việc tại CHDCND Lào", "Lào"),
    ],
)
def test_a_country_named_alone_is_a_foreign_host(where: str, host: str) -> None:
    v = vnpov.extract(
        "Từ ngày 15 - 20/10/2024, đoàn công tác tỉnh Sơn La do đồng chí Đặng Văn Hùng, Phó Chủ tịch "
        f"UBND tỉnh làm trưởng đoàn {where}."
    ).visits
    assert v[["visitor", "host", "host_level"]].astype(str).values.tolist() == [["Sơn La", host, "foreign"]]


def test_a_province_whose_name_begins_with_a_countrys_is_not_the_country() -> None:
    v = vnpov.extract(
        "Ngày 10/5/2024, đoàn công tác tỉnh Sơn La đã tham quan mô hình giảm nghèo tại Lào Cai."
    ).visits
    assert v[["host", "host_level"]].astype(str).values.tolist() == [["Lào Cai", "province"]]


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 5/3/2024, UBND huyện Kỳ Sơn tổ chức tiễn 120 lao động đi làm việc tại Hàn Quốc theo "
        "chương trình EPS.",
        "Ngày 5/3/2024, UBND huyện Kỳ Sơn tổ chức tiễn 120 lao động đi làm việc tại tỉnh Bình Dương.",
        "Ngày 5/3/2024, huyện Kỳ Sơn đưa 45 lao động đi làm việc tại các doanh nghiệp ở tỉnh Bắc Ninh.",
        "Ngày 5/3/2024, UBND huyện Kỳ Sơn phối hợp với một công ty may tổ chức đưa 60 lao động là người "
        "dân tộc Thái vào làm việc tại các khu công nghiệp tỉnh Bắc Ninh.",
    ],
)
def test_workers_leaving_to_work_are_no_delegation(text: str) -> None:
    assert vnpov.extract(text).visits.empty


@pytest.mark.parametrize(
    "later,purpose",
    [
        ("Chuyến đi nhằm học tập kinh nghiệm phát triển chăn nuôi bò hàng hóa.", "study"),
        ("Tại buổi làm việc, hai bên đã trao đổi kinh nghiệm về quản lý du lịch cộng đồng.", "study"),
        ("\nTại buổi làm việc, hai bên đã chia sẻ kinh nghiệm trong công tác giảm nghèo.", "study"),
        # what the hosts told of themselves is no purpose of the trip
        ("Tại buổi làm việc, lãnh đạo huyện Mèo Vạc giới thiệu tình hình kinh tế - xã hội.", "working"),
    ],
)
def test_a_study_purpose_told_after_the_visits_sentence(later: str, purpose: str) -> None:
    text = (
        "Huyện Mèo Vạc tiếp đoàn công tác huyện Bảo Lạc\n"
        "Ngày 16/5/2024, Thường trực Huyện ủy Mèo Vạc đã tiếp và làm việc với đoàn công tác huyện Bảo Lạc "
        f"(Cao Bằng) do đồng chí Nông Văn Tiến, Bí thư Huyện ủy làm trưởng đoàn.\n{later}"
    )
    v = vnpov.extract(text).visits
    assert v[["visitor", "host", "purpose"]].astype(str).values.tolist() == [["Bảo Lạc", "Mèo Vạc", purpose]]


@pytest.mark.parametrize(
    "talks,purpose",
    [
        ("trao đổi về hợp tác phát triển du lịch", "working"),
        ("trao đổi các nội dung hợp tác thương mại qua biên giới", "working"),
        ("trao đổi kinh nghiệm phát triển du lịch cộng đồng", "study"),
    ],
)
def test_talks_on_cooperation_are_a_working_visit(talks: str, purpose: str) -> None:
    v = vnpov.extract(
        "Ngày 8/10/2024, đoàn công tác tỉnh Cao Bằng do ông Lê Văn Nam, Phó Chủ tịch UBND tỉnh dẫn đầu "
        f"đã thăm và làm việc với tỉnh Tuyên Quang, {talks}."
    ).visits
    assert v["purpose"].astype(str).tolist() == [purpose]


@pytest.mark.parametrize(
    "text",
    [
        "Chuẩn bị cho đoàn công tác học tập kinh nghiệm tại Mai Châu\n"
        "Chiều 5/9/2022, ông Hà Văn Bình, Phó Chủ tịch UBND huyện Quan Hóa chủ trì cuộc họp. Dự kiến, từ "
        "ngày 12 - 14/9, đoàn công tác huyện sẽ đi học tập kinh nghiệm tại huyện Mai Châu (Hòa Bình).",
        "Chiều 9/12/2025, UBND xã Phố Bảng (tỉnh Tuyên Quang) họp triển khai công tác chuẩn bị. Theo kế "
        "hoạch, từ ngày 15 đến 17/12, đoàn công tác xã sẽ đi học tập kinh nghiệm tại xã Gia Viễn, "
        "tỉnh Ninh Bình.",
    ],
)
def test_a_trip_being_prepared_is_no_visit(text: str) -> None:
    assert vnpov.extract(text).visits.empty


def test_a_return_trip_agreed_after_the_meeting_is_no_visit() -> None:
    v = vnpov.extract(
        "Ngày 22/3/2023, đoàn công tác huyện Điện Biên (tỉnh Điện Biên) do ông Lò Văn Tiến, Phó Chủ tịch "
        "UBND huyện làm trưởng đoàn đã học tập kinh nghiệm phát triển kinh tế rừng tại huyện Lục Yên "
        "(Yên Bái).\n"
        "Kết thúc buổi làm việc, hai huyện thống nhất huyện Lục Yên sẽ cử đoàn sang thăm, trao đổi kinh "
        "nghiệm tại huyện Điện Biên."
    ).visits
    assert v[["visitor", "host"]].astype(str).values.tolist() == [["Điện Biên", "Lục Yên"]]


@pytest.mark.parametrize("chrome", ["", "Lượt xem: 245 | Chia sẻ\n"])
def test_the_bodys_unit_inside_the_headlines_province_is_the_host(chrome: str) -> None:
    text = (
        f"{chrome}Ban Dân tộc tỉnh Quảng Trị học tập kinh nghiệm tại Huế\n"
        "Ngày 16/8/2023, Ban Dân tộc tỉnh Quảng Trị tổ chức đoàn đi học tập kinh nghiệm giảm nghèo tại huyện "
        "A Lưới (Thừa Thiên Huế). Đoàn do ông Hồ Văn Lâm, Trưởng Ban Dân tộc tỉnh làm trưởng đoàn."
    )
    v = vnpov.extract(text).visits
    assert v[["visitor", "host", "host_level"]].astype(str).values.tolist() == [
        ["Quảng Trị", "A Lưới", "district"]
    ]


@pytest.mark.parametrize("who", ["anh Lý Xè Chừ", "chị Lò Thị Hương"])
def test_the_youth_unions_leader_named_as_anh_or_chi(who: str) -> None:
    v = vnpov.extract(
        f"Ngày 12/4/2024, đoàn công tác huyện Mường Khương do {who}, Bí thư Huyện đoàn làm trưởng đoàn đã "
        "tham quan, học tập mô hình thanh niên khởi nghiệp tại huyện Kỳ Anh, tỉnh Hà Tĩnh."
    ).visits
    assert v[["host", "leader"]].astype(str).values.tolist() == [["Kỳ Anh", who.split(" ", 1)[1]]]


def test_the_first_of_the_members_listed_leads_when_no_head_is_named() -> None:
    r = vnpov.extract(
        "Ngày 26/11/2025, đoàn công tác xã Mai Châu (tỉnh Phú Thọ) gồm các đồng chí: Hà Văn Thảo, Chủ tịch "
        "UBND xã; Bùi Thị Nga, Phó Chủ tịch UBND xã và cán bộ chuyên môn đã đến xã Vân Hồ (tỉnh Sơn La) học "
        "tập kinh nghiệm chăn nuôi bò sữa."
    )
    assert r.visits["leader"].astype(str).tolist() == ["Hà Văn Thảo"]
    assert r.people.set_index("name")["side"].to_dict() == {
        "Hà Văn Thảo": "visitor",
        "Bùi Thị Nga": "visitor",
    }


@pytest.mark.parametrize(
    "hosts,want",
    [
        (
            "các huyện Bắc Hà (Lào Cai) và Trạm Tấu (Yên Bái)",
            [("Bắc Hà", "Lào Cai"), ("Trạm Tấu", "Yên Bái")],
        ),
        ("các xã Tả Van (Lào Cai), Vân Hồ (Sơn La)", [("Tả Van", "Lào Cai"), ("Vân Hồ", "Sơn La")]),
    ],
)
def test_a_list_of_hosts_each_with_its_province_in_brackets(hosts: str, want: list) -> None:
    v = vnpov.extract(
        "Từ ngày 3 - 5/10/2024, đoàn công tác huyện Mường Lát (tỉnh Thanh Hóa) đã tham quan, học tập kinh "
        f"nghiệm phát triển du lịch cộng đồng tại {hosts}."
    ).visits
    assert [tuple(r) for r in v[["host", "host_province"]].astype(str).values.tolist()] == want


@pytest.mark.parametrize("count", ["hai", "2"])
def test_a_delegation_of_two_units_counted_before_their_level_word(count: str) -> None:
    v = vnpov.extract(
        f"Ngày 14/11/2024, đoàn công tác của {count} huyện Bắc Yên và Phù Yên (Sơn La) đã tham quan, học tập "
        "kinh nghiệm trồng cây ăn quả tại huyện Mộc Châu."
    ).visits
    assert v[["visitor", "host"]].astype(str).values.tolist() == [
        ["Bắc Yên", "Mộc Châu"],
        ["Phù Yên", "Mộc Châu"],
    ]


def test_a_province_that_visits_only_in_the_headline_is_its_units_in_the_body() -> None:
    v = vnpov.extract(
        "Xã Vân Hồ đón đoàn công tác hai xã của tỉnh Phú Thọ\n"
        "Ngày 31/10/2025, xã Vân Hồ (tỉnh Sơn La) đã đón đoàn công tác của xã Mai Châu và xã Đà Bắc "
        "(tỉnh Phú Thọ) đến học tập kinh nghiệm phát triển chăn nuôi bò sữa."
    ).visits
    assert v[["visitor", "host", "visit_id"]].astype(str).values.tolist() == [
        ["Mai Châu", "Vân Hồ", "0"],
        ["Đà Bắc", "Vân Hồ", "1"],
    ]


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("21/9/2024", "2024-09-21"),
        ("Ngày xuất bản: 21/9/2024", "2024-09-21"),
        ("Ngày đăng tin: 21/9/2024 15:40", "2024-09-21"),
        ("(21/9/2024)", "2024-09-21"),
    ],
)
def test_a_date_line_under_the_headline_stamps_the_page(stamp: str, published: str) -> None:
    r = vnpov.extract(
        "Huyện Tủa Chùa học tập kinh nghiệm trồng chè shan tuyết tại huyện Hoàng Su Phì\n"
        f"{stamp}\n"
        "Ngày 19/9, đoàn công tác huyện Tủa Chùa (Điện Biên) đã đến tham quan, học tập kinh nghiệm trồng chè "
        "shan tuyết tại huyện Hoàng Su Phì (Hà Giang)."
    )
    assert str(r.documents["published"][0])[:10] == published
    assert r.visits[["visitor", "host"]].values.tolist() == [["Tủa Chùa", "Hoàng Su Phì"]]
    assert str(r.visits["start_date"][0])[:10] == "2024-09-19"


@pytest.mark.parametrize(
    "office",
    ["Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch", "Ban Dân tộc"],
)
def test_a_host_named_by_its_office_with_a_long_name(office: str) -> None:
    v = vnpov.extract(
        f"Ngày 12/9/2023, đoàn công tác {office} tỉnh Phú Yên do ông Lê Văn Tám, Giám đốc Sở làm trưởng "
        f"đoàn đã đến làm việc với {office} tỉnh Lâm Đồng."
    ).visits
    assert v[["visitor", "host", "host_level"]].values.tolist() == [["Phú Yên", "Lâm Đồng", "province"]]


def test_a_site_with_its_address_after_a_comma_is_no_office() -> None:
    v = vnpov.extract(
        "Nhân dịp kỷ niệm ngày Nhà giáo Việt Nam, Trường Phổ thông dân tộc nội trú huyện Mường Khương tổ "
        "chức "
        "cho 120 học sinh tham quan, học tập trải nghiệm tại Khu di tích lịch sử Đền Bảo Hà, huyện Bảo Yên."
    ).visits
    assert v.empty


@pytest.mark.parametrize("leader", ["Lù Seo Vản", "Tẩn Láo Lở", "Sần Chính Ngọc", "Phàn Văn Dung"])
def test_a_leader_of_a_northern_minority_named_after_the_title(leader: str) -> None:
    v = vnpov.extract(
        f"Ngày 5/12/2023, đoàn công tác huyện Mường Khương do Phó Chủ tịch UBND huyện {leader} dẫn đầu đã "
        "đến học tập kinh nghiệm phát triển chè tại huyện Hoàng Su Phì."
    ).visits
    assert v[["visitor", "host", "leader"]].values.tolist() == [["Mường Khương", "Hoàng Su Phì", leader]]


@pytest.mark.parametrize(
    "where",
    [
        "tại các xã Lũng Cú, Sà Phìn",
        "tại xã Lũng Cú và xã Sà Phìn",
        "cán bộ và nhân dân các xã Lũng Cú, Sà Phìn",
    ],
)
def test_a_district_visiting_a_list_of_its_own_communes_visits_each(where: str) -> None:
    v = vnpov.extract(
        "Ngày 3/2/2024, đoàn công tác huyện Đồng Văn do đồng chí Sùng Mí Hồ, Bí thư Huyện ủy dẫn đầu đã "
        f"đến thăm, chúc Tết {where}."
    ).visits
    assert v[["visitor", "host", "purpose"]].values.tolist() == [
        ["Đồng Văn", "Lũng Cú", "working"],
        ["Đồng Văn", "Sà Phìn", "working"],
    ]


def test_each_delegation_told_in_its_own_paragraph_has_its_own_head() -> None:
    r = vnpov.extract(
        "Huyện Bắc Hà đón các đoàn công tác đến học tập kinh nghiệm\n"
        "Ngày 10/5/2024, đoàn công tác huyện Than Uyên (Lai Châu) do ông Lò Văn Pâng, Phó Chủ tịch UBND "
        "huyện "
        "làm trưởng đoàn đã đến học tập kinh nghiệm trồng mận tại huyện Bắc Hà.\n"
        "Ngày 14/5/2024, đoàn công tác huyện Mường La (Sơn La) do bà Quàng Thị Ánh, Phó Chủ tịch UBND huyện "
        "làm trưởng đoàn cũng đã đến học tập kinh nghiệm tại huyện Bắc Hà."
    )
    assert r.visits[["visitor", "leader"]].values.tolist() == [
        ["Than Uyên", "Lò Văn Pâng"],
        ["Mường La", "Quàng Thị Ánh"],
    ]
    assert set(r.people.loc[r.people["role"] == "leader", "name"]) == {"Lò Văn Pâng", "Quàng Thị Ánh"}


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        (
            "Chiều 20/4, Ban Thường vụ Huyện ủy Văn Yên tổ chức hội nghị rút kinh nghiệm sau chuyến tham "
            "quan, "
            "học tập kinh nghiệm tại tỉnh Quảng Ninh hồi đầu tháng 3.",
            [],
        ),
        (
            "Ngày 7/3/2024, đoàn công tác huyện Sơn Động do ông Lê Văn Hòa, Phó Chủ tịch UBND huyện làm "
            "trưởng "
            "đoàn đã đến thăm và trao đổi kinh nghiệm tại huyện Bình Liêu. Chuyến thăm đáp lại chuyến công "
            "tác "
            "của đoàn huyện Đình Lập tới huyện Sơn Động vào tháng 9/2023.",
            [["Sơn Động", "Bình Liêu"]],
        ),
    ],
)
def test_a_trip_already_made_named_as_a_noun_is_no_visit(sentence: str, want: list) -> None:
    v = vnpov.extract(sentence).visits
    assert v[["visitor", "host"]].values.tolist() == want


def test_a_stop_told_by_the_delegations_motion_alone_has_its_own_day() -> None:
    v = vnpov.extract(
        "Đoàn công tác huyện Bình Gia học tập kinh nghiệm tại Cao Bằng và Bắc Kạn\n"
        "Từ ngày 10 đến 11/6/2024, đoàn công tác huyện Bình Gia (Lạng Sơn) do ông Hoàng Văn Tú, Phó Chủ tịch "
        "UBND huyện làm trưởng đoàn đã đi học tập kinh nghiệm. Ngày 10/6, đoàn làm việc tại huyện Trùng "
        "Khánh "
        "(Cao Bằng). Ngày 11/6, đoàn đến huyện Ba Bể (Bắc Kạn).",
        published="2024-06-13",
    ).visits
    got = v[["host", "host_level", "start_date"]].astype(str).values.tolist()
    assert [[h, lvl, d[:10]] for h, lvl, d in got] == [
        ["Trùng Khánh", "district", "2024-06-10"],
        ["Ba Bể", "district", "2024-06-11"],
    ]


def test_two_delegations_received_in_one_sentence_each_with_its_head() -> None:
    v = vnpov.extract(
        "Ngày 5/7/2024, huyện Tuần Giáo đã tiếp Đoàn công tác huyện Than Uyên (Lai Châu) do ông Lò Văn "
        "Khiêm, "
        "Phó Chủ tịch UBND huyện làm trưởng đoàn và Đoàn công tác huyện Bắc Yên (Sơn La) do ông Hà Văn Sáng, "
        "Phó Chủ tịch UBND huyện làm trưởng đoàn đến học tập kinh nghiệm phát triển cây mắc ca."
    ).visits
    assert v[["visitor", "host", "leader"]].values.tolist() == [
        ["Than Uyên", "Tuần Giáo", "Lò Văn Khiêm"],
        ["Bắc Yên", "Tuần Giáo", "Hà Văn Sáng"],
    ]


def test_a_lao_name_written_with_hyphens_is_a_person() -> None:
    r = vnpov.extract(
        "Ngày 14/12/2023, đoàn công tác tỉnh Luông Nậm Thà (Lào) do ông Bun-thoong Chít-ma-ny, Phó Tỉnh "
        "trưởng "
        "làm trưởng đoàn đã đến thăm và làm việc tại tỉnh Điện Biên. Tiếp đoàn có ông Lò Văn Mừng, Phó Chủ "
        "tịch UBND tỉnh Điện Biên."
    )
    assert r.visits["leader"].tolist() == ["Bun-thoong Chít-ma-ny"]
    assert r.people[["name", "side"]].values.tolist() == [
        ["Bun-thoong Chít-ma-ny", "visitor"],
        ["Lò Văn Mừng", "host"],
    ]


def test_the_official_who_receives_after_a_place_phrase_is_the_host() -> None:
    r = vnpov.extract(
        "Ngày 19/4/2024, tại Hội trường UBND huyện Vĩnh Thạnh (Bình Định), đồng chí Trần Văn Sơn, Phó Chủ "
        "tịch UBND huyện đã tiếp Đoàn công tác huyện Kon Plông (Kon Tum) do đồng chí Y Hùng, Phó Chủ tịch "
        "UBND huyện Kon Plông làm trưởng đoàn đến trao đổi kinh nghiệm phát triển kinh tế rừng."
    )
    assert r.people[["name", "side"]].values.tolist() == [["Trần Văn Sơn", "host"], ["Y Hùng", "visitor"]]


def test_delegations_received_listed_after_a_colon() -> None:
    v = vnpov.extract(
        "Ngày 5/7/2024, huyện Mường Chà (Điện Biên) đã tiếp 2 đoàn công tác đến học tập kinh nghiệm trồng "
        "cây mắc ca: Đoàn công tác huyện Phong Thổ (Lai Châu) do ông Lò Văn Hải, Phó Chủ tịch UBND huyện làm "
        "trưởng đoàn và Đoàn công tác huyện Sốp Cộp (Sơn La) do ông Lò Văn Thành, Phó Chủ tịch UBND huyện "
        "làm trưởng đoàn."
    ).visits
    assert v[["visitor", "host", "leader"]].values.tolist() == [
        ["Phong Thổ", "Mường Chà", "Lò Văn Hải"],
        ["Sốp Cộp", "Mường Chà", "Lò Văn Thành"],
    ]


def test_delegations_counted_in_a_years_review_are_no_visit() -> None:
    r = vnpov.extract(
        "Ngày 25/12, Đảng ủy xã Yên Minh tổ chức hội nghị tổng kết công tác năm 2025. Trong năm, xã đã tổ "
        "chức đoàn cán bộ đi học tập kinh nghiệm tại xã Bắc Hà (Lào Cai) và tiếp 3 đoàn công tác đến trao "
        "đổi kinh nghiệm.",
        published="2025-12-26",
    )
    assert r.visits.empty


@pytest.mark.parametrize("where", ["huyện Hà Khẩu, tỉnh Vân Nam, Trung Quốc", "huyện Hà Khẩu (Trung Quốc)"])
def test_a_foreign_county_whose_name_begins_like_a_family_name(where: str) -> None:
    r = vnpov.extract(
        "Ngày 17/12/2025, đoàn công tác xã Bát Xát, tỉnh Lào Cai do ông Nguyễn Văn Thuận, Bí thư Đảng ủy xã "
        f"làm trưởng đoàn đã sang thăm và hội đàm với chính quyền {where} về quản lý biên giới."
    )
    assert r.visits[["host", "host_level"]].values.tolist() == [["Hà Khẩu", "foreign"]]


@pytest.mark.parametrize("when", ["Sáng thứ Tư (15/10)", "Sáng thứ Tư 15/10", "Chiều thứ Tư, 15/10"])
def test_a_day_of_the_week_before_a_day_without_its_year(when: str) -> None:
    v = vnpov.extract(
        f"{when}, Đoàn công tác xã Bắc Hà (Lào Cai) đã đến học tập kinh nghiệm phát triển du lịch cộng "
        "đồng tại xã Lũng Cú, tỉnh Tuyên Quang.",
        published="2025-10-17",
    ).visits
    assert v[["host", "start_date", "year_inferred"]].astype(str).values.tolist() == [
        ["Lũng Cú", "2025-10-15", "True"]
    ]


def test_a_foreign_delegation_received_away_from_the_hosts_seat() -> None:
    # `nước CHDCND Lào` after a comma makes the unit Lao; the unit whose leader receives hosts,
    # not the city the meeting is in
    v = vnpov.extract(
        "Ngày 18/5/2023, tại thành phố Điện Biên Phủ, đồng chí Lê Thành Đô, Phó Chủ tịch UBND tỉnh Điện "
        "Biên đã tiếp và làm việc với Đoàn công tác tỉnh Luang Prabang, nước CHDCND Lào do đồng chí "
        "Khamphao Ounthavong, Phó Tỉnh trưởng làm trưởng đoàn."
    ).visits
    assert v[["visitor", "visitor_level", "host", "host_level"]].values.tolist() == [
        ["Luang Prabang", "foreign", "Điện Biên", "province"]
    ]
